import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MediaToolError } from '../../../adapters/media-tool/media-tool';
import type { AppContext } from '../../../context';
import { defineJob } from '../../../jobs/job';
import { enqueue } from '../../../jobs/queue';
import { announceMediaUpdated } from '../announce';
import { localFileOf, storeFile } from '../local-file';
import { mediaRepository } from '../media.repository';
import { writePreview } from './steps';

export const PREVIEW_JOB = 'media.preview';
export const previewKey = (mediaId: string) => `media/${mediaId}/preview.webp`;

/** The playable rendition's demuxer (read with the format we wrote, never a guess). */
const demuxerOf = (mimeType: string | null) => (mimeType?.endsWith('/mp4') ? 'mov' : 'matroska');

/**
 * After a video is ready: the small animated preview shown while hovering a recording. Kept out
 * of finalize because it is a nicety and decoding even 2 s of HD costs more than the remux that
 * makes the recording playable. It reads the rendition (already in a browser codec, usually
 * cheaper to decode than the original). A file ffmpeg cannot make a preview of is logged and
 * left without one; storage or database trouble throws and the queue retries.
 */
export const mediaPreviewJob = defineJob({
  name: PREVIEW_JOB,
  payload: z.object({ mediaId: z.string() }),
  maxAttempts: 3,
  async handler({ mediaId }, ctx) {
    const media = mediaRepository(ctx.db);
    const row = await media.find(mediaId);
    if (row?.status !== 'ready' || row.kind !== 'video' || !row.playable_key || row.preview_key) return;
    const workRoot = path.join(ctx.config.dataDir, 'processing');
    await fs.mkdir(workRoot, { recursive: true });
    const workDir = await fs.mkdtemp(path.join(workRoot, `${mediaId.slice(0, 8)}-preview-`));
    try {
      const input = await localFileOf(ctx, row.playable_key, workDir, 'playable');
      if (!input) return;
      const output = path.join(workDir, 'preview.webp');
      const source = { format: demuxerOf(row.playable_mime_type), video: '0:v:0', posterAtS: 0 };
      let made = false;
      try {
        made = await writePreview(ctx.media, input, source, output, {
          timeoutMs: ctx.config.mediaJobTimeoutMs,
        });
      } catch (error) {
        if (!(error instanceof MediaToolError)) throw error;
        ctx.log.warn({ err: error, mediaId }, 'media preview could not be made');
      }
      if (!made) return;
      const key = previewKey(mediaId);
      await storeFile(ctx, key, output, 'image/webp');
      // Deleted while we worked: take the blob back out instead of leaving it behind.
      if (!(await media.setPreview(mediaId, key, ctx.now()))) {
        await ctx.blobs.delete(key);
        return;
      }
      await announceMediaUpdated(ctx, row.owner_id, mediaId);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  },
});

export async function enqueuePreview(ctx: AppContext, mediaId: string): Promise<void> {
  await enqueue(ctx.db, mediaPreviewJob, { mediaId }, ctx.now(), { dedupeKey: `${PREVIEW_JOB}:${mediaId}` });
}
