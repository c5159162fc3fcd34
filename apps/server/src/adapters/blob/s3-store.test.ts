import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3rverProcess, startS3rver } from '../../../test/s3rver';
import { loadConfig } from '../../config';
import type { BlobStore } from './blob-store';
import { createBlobStore } from './create-blob-store';
import { s3Store } from './s3-store';

async function read(stream: Readable | null | undefined): Promise<Buffer> {
  if (!stream) throw new Error('no stream');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `size` bytes of a known pattern, produced a chunk at a time (never all in memory at once). */
const pattern = (i: number) => (i * 31 + 7) % 251;
function patternStream(size: number, chunk = 1024 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const n = Math.min(chunk, size - sent);
      const buffer = Buffer.alloc(n);
      for (let i = 0; i < n; i++) buffer[i] = pattern(sent + i);
      sent += n;
      this.push(buffer);
    },
  });
}

describe('S3 blob store against s3rver', () => {
  let s3: S3rverProcess;
  let store: BlobStore;
  beforeAll(async () => {
    s3 = await startS3rver();
    store = await createBlobStore(loadConfig({ DATA_DIR: '/tmp/unused', ...s3.env }));
  }, 30_000);
  afterAll(() => s3?.stop());

  it('puts, gets, ranges, stats and deletes', async () => {
    await store.put('a/hello.txt', Buffer.from('hello, world'), 'text/plain');
    const got = await store.get('a/hello.txt');
    expect(got?.size).toBe(12);
    expect(got?.contentType).toBe('text/plain');
    expect((await read(got?.stream)).toString()).toBe('hello, world');
    expect((await read(await store.getRange('a/hello.txt', 7, 11))).toString()).toBe('world');
    const stat = await store.stat('a/hello.txt');
    expect(stat).toMatchObject({ size: 12, contentType: 'text/plain' });
    expect(stat?.etag).toMatch(/^".+"$/);

    await store.delete('a/hello.txt');
    expect(await store.get('a/hello.txt')).toBeNull();
    expect(await store.stat('a/hello.txt')).toBeNull();
    expect(await store.getRange('a/hello.txt', 0, 1)).toBeNull();
    await store.delete('a/never-there'); // deleting nothing is fine
  });

  it('streams a large blob up in parts and reads any range of it back', async () => {
    const size = 20 * 1024 * 1024 + 12345; // three parts of 8 MB
    await store.putStream('big/recording.webm', patternStream(size), 'video/webm');
    expect((await store.stat('big/recording.webm'))?.size).toBe(size);
    const start = 8 * 1024 * 1024 - 10;
    const range = await read(await store.getRange('big/recording.webm', start, start + 99));
    expect(range.length).toBe(100);
    expect([...range]).toEqual(Array.from({ length: 100 }, (_, i) => pattern(start + i)));
    const tail = await read(await store.getRange('big/recording.webm', size - 5, size - 1));
    expect([...tail]).toEqual(Array.from({ length: 5 }, (_, i) => pattern(size - 5 + i)));
  });

  it('gives a presigned URL that reads the blob', async () => {
    await store.put('p/clip.mp4', Buffer.from('not really a video'), 'video/mp4');
    const url = await store.presignedGetUrl?.('p/clip.mp4', { expiresInS: 60 });
    expect(url).toContain('X-Amz-Signature=');
    const response = await fetch(url ?? '');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('not really a video');
  });

  it('imports an object of the bucket by a server-side copy, or streamed past the single-copy limit', async () => {
    await store.put('uploads/m1', Buffer.from('staged bytes'), 'application/octet-stream');
    await store.importObject?.('media/m1/original', 'uploads/m1', 'video/webm');
    expect(await store.stat('media/m1/original')).toMatchObject({ size: 12, contentType: 'video/webm' });
    expect((await read((await store.get('media/m1/original'))?.stream)).toString()).toBe('staged bytes');
    expect(await store.stat('uploads/m1')).not.toBeNull(); // the caller removes its staging

    const config = loadConfig({ DATA_DIR: '/tmp/unused', ...s3.env });
    if (config.storage.kind !== 's3') throw new Error('expected S3 settings');
    const tinyCopyLimit = s3Store(config.storage, { singleCopyMaxBytes: 4 });
    await tinyCopyLimit.importObject?.('media/m2/original', 'uploads/m1', 'audio/ogg');
    expect(await store.stat('media/m2/original')).toMatchObject({ size: 12, contentType: 'audio/ogg' });
    expect((await read((await store.get('media/m2/original'))?.stream)).toString()).toBe('staged bytes');
  });
});
