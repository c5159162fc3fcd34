import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../../test/databases';
import { createTestApp, setUpWorkspace } from '../../../../test/harness';
import { type S3rverProcess, startS3rver } from '../../../../test/s3rver';
import { mediaRepository } from '../media.repository';
import { drainJobs, storeUploaded } from '../media.test-helpers';
import { recordingWebm } from './fixtures.test-helper';

/** Finalize and the preview job read their input from the bucket and write their outputs back. */
describe('media jobs with STORAGE=s3', () => {
  let s3: S3rverProcess;
  let fixtures: string;
  beforeAll(async () => {
    s3 = await startS3rver();
    fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-media-s3-'));
  }, 30_000);
  afterAll(async () => {
    await s3?.stop();
    fs.rmSync(fixtures, { recursive: true, force: true });
  });

  it.each(databasesUnderTest())('a recording becomes ready, then gets its preview (%s)', async (kind) => {
    const t = await createTestApp(kind, { ...s3.env, STT_ENGINE: 'none' });
    try {
      expect(t.ctx.blobs.localPath).toBeUndefined();
      const ana = await setUpWorkspace(t.app);
      const webm = fs.readFileSync(recordingWebm(fixtures));
      const id = await storeUploaded(t.ctx, ana.user.id, webm, { kind: 'video', mimeType: 'video/webm' });
      // Finalize, the preview and the transcript job (engine off: silence map only).
      expect(await drainJobs(t.ctx)).toBe(3);
      const row = await mediaRepository(t.ctx.db).find(id);
      expect(row).toMatchObject({
        status: 'ready',
        playable_key: `media/${id}/playable.webm`,
        poster_key: `media/${id}/poster.jpg`,
        preview_key: `media/${id}/preview.webp`,
      });
      expect((await t.ctx.blobs.stat(`media/${id}/playable.webm`))?.size).toBe(Number(row?.size_bytes));
      expect((await t.ctx.blobs.stat(`media/${id}/preview.webp`))?.contentType).toBe('image/webp');
      // Work dirs are cleaned up, including the copies fetched from the bucket.
      expect(fs.readdirSync(path.join(t.ctx.config.dataDir, 'processing'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
