import fs from 'node:fs/promises';
import path from 'node:path';
import type { TranscriptWord } from '@tidings/contracts';
import { z } from 'zod';
import { MediaToolError } from '../../adapters/media-tool/media-tool';
import type { SpeechToText } from '../../adapters/speech/speech-to-text';
import type { AppContext } from '../../context';
import { defineJob } from '../../jobs/job';
import { enqueue, LEASE_MS } from '../../jobs/queue';
import { announceMediaUpdated } from '../media/announce';
import { localFileOf } from '../media/local-file';
import { mediaRepository } from '../media/media.repository';
import { wordsText } from './segments';
import { detectSilences } from './silences';
import { TranscriptionError, transcribeWindows } from './transcribe-windows';
import { indexTranscript, transcriptsRepository } from './transcripts.repository';

export const TRANSCRIBE_JOB = 'transcripts.transcribe';
const dedupeKey = (mediaId: string) => `${TRANSCRIBE_JOB}:${mediaId}`;

export const OFF_MESSAGE =
  'Transcription is off. An admin can turn it on by setting STT_ENGINE (pocketsphinx, whisper or openai-compatible) and restarting Tidings; see docs/speech.md.';
export const NO_SPEECH_MESSAGE = 'No speech was found';

/** The engine chosen at start-up (STT_ENGINE); `none` when transcription is off. */
export const sttOf = (ctx: AppContext): SpeechToText | null => ctx.stt ?? null;

/**
 * After a media is ready: the silence map (always, so skipping silences works without an engine)
 * and, when an engine is configured, the transcript. The recording's audio is extracted once as
 * 16 kHz mono WAV, read window by window (memory stays flat), and each window's words merged.
 * Idempotent: a re-run starts over and overwrites the row.
 */
export const transcribeJob = defineJob({
  name: TRANSCRIBE_JOB,
  payload: z.object({ mediaId: z.string() }),
  maxAttempts: 4,
  async handler({ mediaId }, ctx) {
    const media = await mediaRepository(ctx.db).find(mediaId);
    if (media?.status !== 'ready' || !media.playable_key) return;
    const transcripts = transcriptsRepository(ctx.db);
    const announce = () => announceMediaUpdated(ctx, media.owner_id, mediaId);
    const stt = sttOf(ctx);
    const engineOn = stt !== null && stt.name !== 'none';
    if (!(await transcripts.find(mediaId))) await transcripts.reset(mediaId, ctx.now());
    await transcripts.update(mediaId, {
      status: engineOn ? 'running' : 'off',
      progress: engineOn ? 0 : null,
      message: engineOn ? null : OFF_MESSAGE,
      started_at: ctx.now(),
      updated_at: ctx.now(),
    });
    await announce();

    const workRoot = path.join(ctx.config.dataDir, 'transcripts');
    await fs.mkdir(workRoot, { recursive: true });
    const workDir = await fs.mkdtemp(path.join(workRoot, `${mediaId.slice(0, 8)}-`));
    const heartbeat = setInterval(() => void extendLease(ctx, mediaId), LEASE_MS / 5);
    try {
      const wav = path.join(workDir, 'audio.wav');
      const input = await localFileOf(ctx, media.playable_key, workDir, 'playable');
      if (!input) throw new Error(`media blob ${media.playable_key} is missing`);
      await ctx.media.ffmpeg({
        input,
        outputArgs: ['-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', wav],
        timeoutMs: ctx.config.mediaJobTimeoutMs,
      });
      const durationMs = Math.floor((await fs.stat(wav)).size / 32);
      const silences = await detectSilences(
        ctx.media,
        wav,
        durationMs,
        workDir,
        ctx.config.mediaJobTimeoutMs,
      );
      await transcripts.update(mediaId, { silences: JSON.stringify(silences), updated_at: ctx.now() });
      if (!engineOn || !stt) return;

      const language = (await transcripts.languageFor(media.owner_id)) ?? undefined;
      let result: Awaited<ReturnType<typeof transcribeWindows>>;
      try {
        result = await transcribeWindows(stt, wav, path.join(workDir, 'window.wav'), {
          language,
          timeoutMs: ctx.config.stt.timeoutMs,
          onProgress: async (percent) => {
            await transcripts.update(mediaId, { progress: percent, updated_at: ctx.now() });
            await announce();
          },
        });
      } catch (error) {
        if (!(error instanceof TranscriptionError)) throw error;
        ctx.log.info({ mediaId, reason: error.message }, 'transcription failed');
        await transcripts.update(mediaId, {
          status: 'failed',
          progress: null,
          message: error.message,
          finished_at: ctx.now(),
          updated_at: ctx.now(),
        });
        return;
      }
      const words: TranscriptWord[] = result.words.map((w, index) => ({
        index,
        text: w.text,
        startMs: Math.round(w.startMs),
        endMs: Math.round(w.endMs),
        confidence: Math.min(1, Math.max(0, w.confidence)),
        edited: false,
      }));
      await transcripts.update(mediaId, {
        status: 'done',
        progress: null,
        message: words.length === 0 ? NO_SPEECH_MESSAGE : null,
        language: result.language ?? language ?? null,
        engine: result.engine ?? stt.name,
        words: JSON.stringify(words),
        text: wordsText(words),
        finished_at: ctx.now(),
        updated_at: ctx.now(),
      });
      await indexTranscript(ctx.db, mediaId);
    } catch (error) {
      // ffmpeg could not read the audio (for good), or the last retry failed: say so on the row.
      const permanent = error instanceof MediaToolError && error.failure !== 'unavailable';
      if (!permanent && !(await isLastAttempt(ctx, mediaId))) throw error;
      await transcripts.update(mediaId, {
        status: 'failed',
        progress: null,
        message: `The recording's audio could not be prepared for transcription (${(error as Error).message}).`,
        finished_at: ctx.now(),
        updated_at: ctx.now(),
      });
      if (!permanent) throw error;
    } finally {
      clearInterval(heartbeat);
      await fs.rm(workDir, { recursive: true, force: true });
      await announce();
    }
  },
});

/** Queued when a media becomes ready (media.finalize) and by "retry"; once per media at a time. */
export async function enqueueTranscription(ctx: AppContext, mediaId: string): Promise<void> {
  await enqueue(ctx.db, transcribeJob, { mediaId }, ctx.now(), { dedupeKey: dedupeKey(mediaId) });
}

async function isLastAttempt(ctx: AppContext, mediaId: string): Promise<boolean> {
  const job = await ctx.db
    .selectFrom('jobs')
    .select(['attempts', 'max_attempts'])
    .where('dedupe_key', '=', dedupeKey(mediaId))
    .where('status', '=', 'running')
    .executeTakeFirst();
  return job === undefined || Number(job.attempts) >= Number(job.max_attempts);
}

/** A long recording may outlast the queue's lease: keep the job ours while we are alive. */
async function extendLease(ctx: AppContext, mediaId: string): Promise<void> {
  try {
    await ctx.db
      .updateTable('jobs')
      .set({ locked_until: ctx.now() + LEASE_MS })
      .where('dedupe_key', '=', dedupeKey(mediaId))
      .where('status', '=', 'running')
      .execute();
  } catch (error) {
    ctx.log.warn({ err: error, mediaId }, 'transcript job lease not extended');
  }
}
