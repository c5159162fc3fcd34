import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3rverProcess, startS3rver } from '../../../test/s3rver';
import { loadConfig } from '../../config';
import { s3ClientConfig } from '../blob/s3-store';
import { TusS3Store } from './tus-s3-store';

/** The staging store with S3 failing the next time it is asked to store a part. */
class FlakyS3Store extends TusS3Store {
  failNextPart = false;
  protected override async uploadPart(...args: Parameters<TusS3Store['uploadPart']>): Promise<string> {
    if (this.failNextPart) {
      this.failNextPart = false;
      throw new Error('S3 answered 503 Slow Down');
    }
    return super.uploadPart(...args);
  }
}

const MiB = 1024 * 1024;

describe('tus S3 staging never goes back on acknowledged bytes', () => {
  let s3: S3rverProcess;
  let store: FlakyS3Store;
  beforeAll(async () => {
    s3 = await startS3rver();
    const config = loadConfig({ DATA_DIR: '/tmp/unused', ...s3.env });
    if (config.storage.kind !== 's3') throw new Error('expected S3 settings');
    store = new FlakyS3Store({
      s3ClientConfig: { ...s3ClientConfig(config.storage), bucket: config.storage.bucket },
      prefix: 'uploads/',
    });
  }, 30_000);
  afterAll(() => s3?.stop());

  const bytesOf = async (id: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read(id)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  it('an S3 error while a PATCH is stored leaves the offset where it was; the retry completes exactly', async () => {
    const id = `flaky-${Date.now()}`;
    const data = randomBytes(6 * MiB + 123_456);
    // A recording: deferred length, a small first chunk (kept as the `.part` tail).
    await store.create(new Upload({ id, offset: 0, size: undefined, metadata: {} }));
    const head = 300_000;
    expect(await store.write(Readable.from(data.subarray(0, head)), id, 0)).toBe(head);
    expect((await store.getUpload(id)).offset).toBe(head);

    // The next chunk makes a full part with the tail in front of it, and S3 fails to store it.
    store.failNextPart = true;
    await expect(store.write(Readable.from(data.subarray(head, 6 * MiB)), id, head)).rejects.toThrow(/503/);
    // The acknowledged 300 000 bytes are still there (the library had deleted the tail by now).
    expect((await store.getUpload(id)).offset).toBe(head);

    // The client resends from there; the tail goes into part 1 and is not counted twice.
    expect(await store.write(Readable.from(data.subarray(head, 6 * MiB)), id, head)).toBe(6 * MiB);
    expect((await store.getUpload(id)).offset).toBe(6 * MiB);
    await store.declareUploadLength(id, data.length);
    expect(await store.write(Readable.from(data.subarray(6 * MiB)), id, 6 * MiB)).toBe(data.length);
    expect((await bytesOf(id)).equals(data)).toBe(true);
    await store.remove(id);
  });

  it('small chunks only: each replaces the tail, the offset is their sum', async () => {
    const id = `small-${Date.now()}`;
    const data = randomBytes(5 * 200_000);
    await store.create(new Upload({ id, offset: 0, size: undefined, metadata: {} }));
    for (let i = 0; i < 5; i++) {
      const from = i * 200_000;
      expect(await store.write(Readable.from(data.subarray(from, from + 200_000)), id, from)).toBe(
        from + 200_000,
      );
    }
    expect((await store.getUpload(id)).offset).toBe(data.length);
    await store.declareUploadLength(id, data.length);
    expect(await store.write(Readable.from(Buffer.alloc(0)), id, data.length)).toBe(data.length);
    expect((await bytesOf(id)).equals(data)).toBe(true);
    await store.remove(id);
  });
});
