import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store';
import { localDiskStore } from './local-disk-store';

async function read(stream: Readable | null | undefined): Promise<string> {
  if (!stream) throw new Error('no stream');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('local disk blob store', () => {
  let root: string;
  let store: BlobStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-blobs-'));
    store = localDiskStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('streams in, reads ranges, stats, imports files and deletes', async () => {
    await store.putStream(
      'm/1/original',
      Readable.from([Buffer.from('hello, '), Buffer.from('world')]),
      'video/webm',
    );
    expect(await read(await store.getRange('m/1/original', 7, 11))).toBe('world');
    expect(await store.stat('m/1/original')).toMatchObject({ size: 12, contentType: 'video/webm' });
    expect(store.localPath?.('m/1/original')).toBe(path.join(root, 'm/1/original'));

    const source = path.join(root, 'staged');
    fs.writeFileSync(source, 'staged bytes');
    await store.importFile?.('m/2/original', source, 'audio/ogg');
    expect(await read((await store.get('m/2/original'))?.stream)).toBe('staged bytes');
    expect(fs.existsSync(source)).toBe(true); // the caller removes its own file

    await store.delete('m/1/original');
    expect(await store.stat('m/1/original')).toBeNull();
    expect(await store.getRange('m/1/original', 0, 1)).toBeNull();
    expect(() => store.localPath?.('../escape')).toThrow(/Invalid blob key/);
  });
});
