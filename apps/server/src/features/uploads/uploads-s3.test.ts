import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest } from '../../../test/databases';
import { request, setUpWorkspace } from '../../../test/harness';
import { type S3rverProcess, startS3rver } from '../../../test/s3rver';
import { startServer, tempDir, tusClient } from './uploads.test-helpers';

describe('tus uploads with STORAGE=s3', () => {
  let s3: S3rverProcess;
  beforeAll(async () => {
    s3 = await startS3rver();
  }, 30_000);
  afterAll(() => s3?.stop());

  it.each(databasesUnderTest())('stores the finished upload in the bucket (%s)', async (kind) => {
    const database = await createTestDatabase(kind);
    const dataDir = tempDir();
    const server = await startServer(database.url, dataDir, s3.env);
    try {
      const owner = await setUpWorkspace(server.app);
      const created = await request(
        server.app,
        {
          method: 'POST',
          url: '/api/media',
          payload: { kind: 'audio', source: 'recording', mimeType: 'audio/webm' },
        },
        owner,
      );
      const id = created.json().media.id as string;
      const tus = tusClient(server.url, owner);
      const location = (await tus.create(id)).headers.get('location') ?? '';
      const data = randomBytes(96 * 1024);
      expect((await tus.patch(location, 0, data.subarray(0, 50_000))).status).toBe(204);
      const last = await tus.patch(location, 50_000, data.subarray(50_000), {
        'upload-length': String(data.length),
      });
      expect(last.status).toBe(204);

      const stat = await server.ctx.blobs.stat(`media/${id}/original`);
      expect(stat).toMatchObject({ size: data.length, contentType: 'audio/webm' });
      const range = await server.ctx.blobs.getRange(`media/${id}/original`, 1000, 1099);
      const chunks: Buffer[] = [];
      for await (const chunk of range ?? []) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(data.subarray(1000, 1100))).toBe(true);
      expect(server.ctx.blobs.localPath).toBeUndefined();
    } finally {
      await server.stop();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
