import fs from 'node:fs/promises';
import path from 'node:path';
import { type MediaTool, MediaToolError, type ProbeResult } from '../../../adapters/media-tool/media-tool';
import { factsFromProbe, friendlyFormat, type MediaFacts } from './facts';
import { isTranscode, planRendition, type RenditionPlan } from './plan';
import { MediaProcessingError, notMedia } from './processing-error';
import { sniffFile } from './sniff';
import { computeWaveform, pictureSource, writePosterFrame, writeRendition, writeWebmCopy } from './steps';

export interface FinalizeFileOptions {
  /** Limit for the whole job; each ffmpeg run gets what is left of it. */
  timeoutMs: number;
  probeTimeoutMs: number;
  /** Longest media accepted (workspace limit), or null for no limit. */
  maxDurationMs: number | null;
  /** 0–100 while the rendition is written (only reported when it is a real transcode). */
  onProgress?: (percent: number) => void;
  log?: { warn(obj: object, msg: string): void };
}

export interface FinalizedFiles {
  facts: MediaFacts;
  plan: RenditionPlan;
  /** Files written into the work dir. */
  rendition: string;
  poster: string | null;
  waveform: number[] | null;
  durationMs: number | null;
  sizeBytes: number;
  width: number | null;
  height: number | null;
}

/**
 * What makes a recording playable, over local files: check, probe, plan, then write the
 * rendition while the poster (video) or the waveform (audio) is made beside it. The animated
 * preview is left to a follow-up job (media-preview.job.ts). Outputs go to fixed names in
 * `workDir`, so a run after a crash simply writes them again.
 */
export async function finalizeFile(
  tool: MediaTool,
  input: string,
  workDir: string,
  options: FinalizeFileOptions,
): Promise<FinalizedFiles> {
  const deadline = Date.now() + options.timeoutMs;
  const left = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) throw tooLong(options.timeoutMs);
    return ms;
  };
  const { ebml } = await sniffFile(input);
  await fs.mkdir(workDir, { recursive: true });
  // A WebM almost always needs exactly a stream-copy remux: start it while ffprobe looks, and
  // keep it if the plan agrees. The run is as confined as any other (same whitelists). The
  // poster waits for the probe: three processes at once on two cores slowed the remux down more
  // than guessing the poster's stream saved.
  const poster = path.join(workDir, 'poster.jpg');
  const speculation = ebml
    ? early((signal) =>
        writeWebmCopy(tool, input, path.join(workDir, 'rendition.webm'), { timeoutMs: left(), signal }),
      )
    : null;
  try {
    const probe = await explain(
      tool.probe(input, { timeoutMs: Math.min(options.probeTimeoutMs, left()) }),
      options,
    );
    const facts = factsFromProbe(probe);
    if (
      options.maxDurationMs !== null &&
      facts.durationMs !== null &&
      facts.durationMs > options.maxDurationMs
    ) {
      throw new MediaProcessingError(
        `This recording is ${clock(facts.durationMs)} long; this workspace accepts at most ${clock(options.maxDurationMs)}.`,
      );
    }
    const plan = planRendition(facts);
    const rendition = path.join(workDir, `rendition.${plan.ext}`);
    const reusable = speculation !== null && isPlainWebmCopy(plan, facts, probe);
    if (!reusable) await speculation?.abort();
    const reportsProgress =
      isTranscode(plan) && facts.durationMs !== null && options.onProgress !== undefined;
    const planned = () =>
      writeRendition(tool, input, facts, plan, rendition, {
        timeoutMs: left(),
        onProgress: reportsProgress
          ? (outMs) =>
              options.onProgress?.(Math.min(99, Math.floor((outMs / (facts.durationMs as number)) * 100)))
          : undefined,
      });
    // Should the early copy fail after all, the planned run decides (and explains).
    const renditionDone = explain(reusable ? speculation.result.catch(planned) : planned(), options);
    // Extras are nice to have: one that fails is logged and left out, the media still plays.
    const extra = <T>(what: string, run: () => Promise<T>): Promise<T | null> =>
      run().catch((error: unknown) => {
        options.log?.warn({ err: error }, `media ${what} could not be made`);
        return null;
      });
    const [renditionMs, posterWritten, waveform] = await Promise.all([
      renditionDone,
      facts.video
        ? extra('poster', () =>
            writePosterFrame(tool, input, pictureSource(facts), poster, { timeoutMs: left() }),
          )
        : null,
      facts.video
        ? null
        : extra('waveform', () => computeWaveform(tool, input, facts, { timeoutMs: left() })),
    ]);
    // ffmpeg's last output position is the rendition's duration (MediaRecorder's WebM had none);
    // probe the rendition only when ffmpeg did not say.
    const durationMs =
      renditionMs ??
      factsFromProbe(
        await explain(
          tool.probe(rendition, { timeoutMs: Math.min(options.probeTimeoutMs, left()) }),
          options,
        ),
      ).durationMs;
    const { size } = await fs.stat(rendition);
    return {
      facts,
      plan,
      rendition,
      poster: posterWritten ? poster : null,
      waveform: waveform ?? null,
      durationMs: durationMs && durationMs > 0 ? durationMs : facts.durationMs,
      sizeBytes: size,
      width: facts.video?.width ?? null,
      height: facts.video?.height ?? null,
    };
  } catch (error) {
    await speculation?.abort();
    throw error;
  }
}

/**
 * Work started before the probe answers, on a guess from the file's first bytes; `abort` stops
 * it and waits until its process is gone.
 */
function early<T>(run: (signal: AbortSignal) => Promise<T>) {
  const controller = new AbortController();
  const result = run(controller.signal);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  return {
    result,
    async abort() {
      controller.abort();
      await settled;
    },
  };
}

/** True when the plan is exactly what writeWebmCopy does: copy the first video and audio streams. */
function isPlainWebmCopy(plan: RenditionPlan, facts: MediaFacts, probe: ProbeResult): boolean {
  const first = (type: string) => probe.streams.find((s) => s.codec_type === type)?.index ?? null;
  return (
    plan.container === 'webm' &&
    plan.video !== 'h264' &&
    plan.audio !== 'aac' &&
    plan.audio !== 'opus' &&
    (facts.video?.index ?? null) === first('video') &&
    (facts.audio?.index ?? null) === first('audio')
  );
}

/** Turns the tool's failures into messages for the person who uploaded the file. */
async function explain<T>(running: Promise<T>, options: FinalizeFileOptions): Promise<T> {
  try {
    return await running;
  } catch (error) {
    if (!(error instanceof MediaToolError)) throw error;
    switch (error.failure) {
      case 'format_refused':
        throw notMedia(friendlyFormat(error.formatName ?? 'unknown'));
      case 'invalid_data':
        throw new MediaProcessingError(
          `This file is damaged or incomplete, or not audio or video we can play (${error.message}).`,
        );
      case 'timeout':
        throw tooLong(options.timeoutMs, error.message);
      default:
        throw error;
    }
  }
}

const tooLong = (limitMs: number, detail?: string) =>
  new MediaProcessingError(
    `Processing this file took too long and was stopped (${detail ?? `limit ${Math.round(limitMs / 1000)} s`}).`,
  );

/** 7_200_000 → "2:00:00"; 95_000 → "1:35". */
export function clock(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
