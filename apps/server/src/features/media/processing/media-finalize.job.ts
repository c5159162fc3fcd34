import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AppContext } from '../../../context';
import { defineJob } from '../../../jobs/job';
import { LEASE_MS } from '../../../jobs/queue';
import { enqueueTranscription } from '../../transcripts/transcribe.job';
import { announceMediaUpdated } from '../announce';
import { FINALIZE_JOB } from '../finalize-queue';
import { localFileOf, storeFile } from '../local-file';
import { mediaRepository } from '../media.repository';
import { type FinalizedFiles, finalizeFile } from './finalize-file';
import { enqueuePreview } from './media-preview.job';
import { MediaProcessingError } from './processing-error';

/** Progress is written to the row and announced at most this often. */
const PROGRESS_INTERVAL_MS = 1000;
/** Well inside the queue's lease, so a long transcode is never taken for a crashed one. */
const LEASE_RENEW_MS = LEASE_MS / 5;

/** Deterministic keys: a run after a crash overwrites the same blobs instead of leaking new ones. */
export const renditionKeys = (mediaId: string, ext: string) => ({
  playable: `media/${mediaId}/playable.${ext}`,
  poster: `media/${mediaId}/poster.jpg`,
});

/**
 * Turns a fully uploaded recording into what browsers play: probe, remux (or transcode only
 * what browsers cannot play), poster or waveform, then `ready` (the animated preview follows in
 * its own job). Files a person must
 * fix (not media, damaged, too long, too slow) end `failed` with the reason and are not retried;
 * anything else (storage or database trouble) throws, and the queue retries with backoff.
 * Idempotent: a finished media is skipped, an interrupted one is processed again from the start.
 */
export const mediaFinalizeJob = defineJob({
  name: FINALIZE_JOB,
  payload: z.object({ mediaId: z.string() }),
  maxAttempts: 5,
  async handler({ mediaId }, ctx) {
    const media = mediaRepository(ctx.db);
    const row = await media.find(mediaId);
    // Deleted meanwhile, already done, or failed for good: nothing to do.
    if (row?.status !== 'processing') return;
    const announce = () => announceMediaUpdated(ctx, row.owner_id, mediaId);
    // Under DATA_DIR, so finished files move into local storage with a rename, not a copy.
    const workRoot = path.join(ctx.config.dataDir, 'processing');
    await fs.mkdir(workRoot, { recursive: true });
    const workDir = await fs.mkdtemp(path.join(workRoot, `${mediaId.slice(0, 8)}-`));
    // Progress writes run one after another and all land before the final status.
    let progressWrites = Promise.resolve();
    const heartbeat = setInterval(() => void extendLease(ctx, mediaId), LEASE_RENEW_MS);
    try {
      const input = await localFileOf(ctx, row.upload_key, workDir, 'original');
      if (!input)
        throw new MediaProcessingError('The uploaded file is missing from storage; upload it again.');
      const { maxRecordingMinutes } = await media.workspaceLimits();
      let lastReport = 0;
      let lastPercent = -1;
      const outputs = await finalizeFile(ctx.media, input, path.join(workDir, 'out'), {
        timeoutMs: ctx.config.mediaJobTimeoutMs,
        probeTimeoutMs: ctx.config.mediaProbeTimeoutMs,
        maxDurationMs: maxRecordingMinutes * 60_000,
        log: ctx.log.child({ mediaId }),
        onProgress: (percent) => {
          const now = Date.now();
          if (percent === lastPercent || now - lastReport < PROGRESS_INTERVAL_MS) return;
          lastReport = now;
          lastPercent = percent;
          progressWrites = progressWrites
            .then(() => media.update(mediaId, { progress: percent, updated_at: ctx.now() }))
            .then(announce)
            .catch((error: unknown) => ctx.log.warn({ err: error, mediaId }, 'media progress not saved'));
        },
      });
      await progressWrites;
      const keys = await store(ctx, mediaId, outputs);
      const now = ctx.now();
      await media.update(mediaId, {
        status: 'ready',
        progress: null,
        error: null,
        kind: outputs.facts.kind,
        playable_key: keys.playable,
        playable_mime_type: outputs.plan.mimeType,
        poster_key: keys.poster,
        waveform: outputs.waveform ? JSON.stringify(outputs.waveform) : null,
        duration_ms: outputs.durationMs,
        width: outputs.width,
        height: outputs.height,
        size_bytes: outputs.sizeBytes,
        ready_at: now,
        updated_at: now,
      });
      await announce();
      // The preview first (a fraction of a second), then the silence map and transcript; a
      // failure to queue either must not undo a ready media.
      if (keys.poster) {
        await enqueuePreview(ctx, mediaId).catch((err: unknown) =>
          ctx.log.warn({ err, mediaId }, 'preview not queued'),
        );
      }
      await enqueueTranscription(ctx, mediaId).catch((err: unknown) =>
        ctx.log.warn({ err, mediaId }, 'transcription not queued'),
      );
    } catch (error) {
      await progressWrites;
      const permanent = error instanceof MediaProcessingError;
      if (!permanent && !(await isLastAttempt(ctx, mediaId))) throw error;
      const reason = permanent
        ? error.message
        : `Processing failed and was given up after several tries (${(error as Error).message}).`;
      ctx.log.info({ mediaId, reason }, 'media processing failed');
      await media.update(mediaId, { status: 'failed', progress: null, error: reason, updated_at: ctx.now() });
      await announce();
      if (!permanent) throw error;
    } finally {
      clearInterval(heartbeat);
      await fs.rm(workDir, { recursive: true, force: true });
    }
  },
});

async function store(ctx: AppContext, mediaId: string, outputs: FinalizedFiles) {
  const keys = renditionKeys(mediaId, outputs.plan.ext);
  await storeFile(ctx, keys.playable, outputs.rendition, outputs.plan.mimeType);
  if (outputs.poster) await storeFile(ctx, keys.poster, outputs.poster, 'image/jpeg');
  return { playable: keys.playable, poster: outputs.poster ? keys.poster : null };
}

/**
 * A transcode may outlast the queue's lease; while we are alive, keep the job ours so another
 * worker does not start it a second time.
 */
export async function extendLease(ctx: AppContext, mediaId: string): Promise<void> {
  try {
    await ctx.db
      .updateTable('jobs')
      .set({ locked_until: ctx.now() + LEASE_MS })
      .where('dedupe_key', '=', `${FINALIZE_JOB}:${mediaId}`)
      .where('status', '=', 'running')
      .execute();
  } catch (error) {
    ctx.log.warn({ err: error, mediaId }, 'media job lease not extended');
  }
}

/** The queue retries thrown errors; on the last attempt the media must still end `failed`. */
async function isLastAttempt(ctx: AppContext, mediaId: string): Promise<boolean> {
  const job = await ctx.db
    .selectFrom('jobs')
    .select(['attempts', 'max_attempts'])
    .where('dedupe_key', '=', `${FINALIZE_JOB}:${mediaId}`)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return job === undefined || Number(job.attempts) >= Number(job.max_attempts);
}
