import fs from 'node:fs/promises';
import { fileUrl } from '../../../adapters/media-tool/ffmpeg-media-tool';
import type { MediaTool } from '../../../adapters/media-tool/media-tool';
import { type MediaFacts, primaryFormat } from './facts';
import type { RenditionPlan } from './plan';

/** Longest side of a transcoded video; larger sources are scaled down (keeps 2-core hosts sane). */
const MAX_TRANSCODE_SIDE = 1920;
const POSTER_WIDTH = 1280;
const PREVIEW_SECONDS = 2;
const PREVIEW_WIDTH = 320;
const PREVIEW_FPS = 6;

export interface StepOptions {
  timeoutMs: number;
}

/** Read the input with the demuxer ffprobe identified, never letting ffmpeg guess again. */
const inputFormat = (facts: MediaFacts) => ['-f', primaryFormat(facts.formatName)];

/**
 * Writes the playable rendition: streams copied where browsers play them, else H.264/AAC.
 * `onProgress` gets the output position in ms; the last position (the rendition's duration) is
 * returned, which spares a second probe.
 */
export async function writeRendition(
  tool: MediaTool,
  input: string,
  facts: MediaFacts,
  plan: RenditionPlan,
  output: string,
  options: StepOptions & { onProgress?: (outTimeMs: number) => void },
): Promise<number | null> {
  const args: string[] = ['-map_metadata', '-1', '-map_chapters', '-1'];
  if (facts.video && plan.video) {
    args.push('-map', `0:${facts.video.index}`);
    if (plan.video === 'copy') args.push('-c:v', 'copy');
    else {
      const side = MAX_TRANSCODE_SIDE;
      args.push(
        '-vf',
        `scale=w='min(${side},iw)':h='min(${side},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2`,
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        '23',
        '-pix_fmt',
        'yuv420p',
        '-profile:v',
        'high',
      );
    }
  }
  if (facts.audio && plan.audio) {
    args.push('-map', `0:${facts.audio.index}`);
    if (plan.audio === 'copy') args.push('-c:a', 'copy');
    else if (plan.audio === 'aac') args.push('-c:a', 'aac', '-b:a', '128k');
    else args.push('-c:a', 'libopus', '-b:a', '96k');
  }
  if (plan.container === 'mp4') args.push('-movflags', '+faststart', '-f', 'mp4');
  else args.push('-f', plan.container);
  args.push('-y', fileUrl(output));
  let lastMs: number | null = null;
  await tool.ffmpeg({
    input,
    inputArgs: inputFormat(facts),
    outputArgs: args,
    timeoutMs: options.timeoutMs,
    onProgress: (outTimeMs) => {
      lastMs = outTimeMs;
      options.onProgress?.(outTimeMs);
    },
  });
  return lastMs;
}

/**
 * The remux nearly every recording needs (MediaRecorder WebM: VP8/VP9/AV1 + Opus, copied into a
 * WebM with duration and cues), written to be started before the probe has answered. The first
 * video and audio streams are copied; the caller keeps the result only when the plan agrees.
 */
export async function writeWebmCopy(
  tool: MediaTool,
  input: string,
  output: string,
  options: StepOptions & { signal: AbortSignal },
): Promise<number | null> {
  let lastMs: number | null = null;
  await tool.ffmpeg({
    input,
    inputArgs: ['-f', 'matroska'],
    outputArgs: [
      ...['-map', '0:v:0?', '-map', '0:a:0?', '-map_metadata', '-1', '-map_chapters', '-1', '-c', 'copy'],
      ...['-f', 'webm', '-y', fileUrl(output)],
    ],
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onProgress: (outTimeMs) => {
      lastMs = outTimeMs;
    },
  });
  return lastMs;
}

/** Which stream of which container to take pictures from, and where the poster frame is. */
export interface PictureSource {
  format: string;
  /** An ffmpeg stream selector: `0:2`, or `0:v:0` before the probe has answered. */
  video: string;
  posterAtS: number;
}

/** From the probe: the chosen video stream; the poster ~1 s in, or 10 % into shorter media. */
export const pictureSource = (facts: MediaFacts): PictureSource => ({
  format: primaryFormat(facts.formatName),
  video: `0:${facts.video?.index ?? 0}`,
  posterAtS: facts.durationMs === null ? 1 : Math.min(1, facts.durationMs / 10_000),
});

/**
 * The preview: a looping animated WebP of the first seconds (few frames, low resolution). Made
 * after the media is ready, by its own job: it is a hover nicety, and decoding even 2 s of HD
 * video costs more than the remux that makes the recording playable.
 */
export async function writePreview(
  tool: MediaTool,
  input: string,
  source: PictureSource,
  output: string,
  options: StepOptions & { signal?: AbortSignal },
): Promise<boolean> {
  await tool.ffmpeg({
    input,
    inputArgs: ['-f', source.format, '-t', String(PREVIEW_SECONDS)],
    outputArgs: [
      ...['-map', source.video, '-vf', `fps=${PREVIEW_FPS},scale=w='min(${PREVIEW_WIDTH},iw)':h=-2`],
      ...['-c:v', 'libwebp_anim', '-loop', '0', '-quality', '50', '-compression_level', '1'],
      ...['-f', 'webp', '-y', fileUrl(output)],
    ],
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  return nonEmpty(output);
}

/**
 * The poster: a JPEG of the frame at `source.posterAtS`, or of the first frame when the media
 * is shorter than that. Input seeking decodes only from the keyframe before that point, so the
 * cost does not grow with the length of the recording.
 */
export async function writePosterFrame(
  tool: MediaTool,
  input: string,
  source: PictureSource,
  output: string,
  options: StepOptions & { signal?: AbortSignal },
): Promise<boolean> {
  if (await writePoster(tool, input, source, output, options)) return true;
  return source.posterAtS > 0 && writePoster(tool, input, { ...source, posterAtS: 0 }, output, options);
}

/** A JPEG of the frame at `source.posterAtS` (input seeking: reads only up to that point). */
async function writePoster(
  tool: MediaTool,
  input: string,
  source: PictureSource,
  output: string,
  options: StepOptions & { signal?: AbortSignal },
): Promise<boolean> {
  await tool.ffmpeg({
    input,
    inputArgs: ['-f', source.format, '-ss', source.posterAtS.toFixed(3)],
    outputArgs: [
      ...['-map', source.video, '-frames:v', '1', '-vf', `scale=w='min(${POSTER_WIDTH},iw)':h=-2`],
      ...['-q:v', '4', '-c:v', 'mjpeg', '-f', 'image2', '-y', fileUrl(output)],
    ],
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  return nonEmpty(output);
}

const WAVEFORM_RATE = 2000;
/** Samples per peak before resampling (25 ms): keeps memory flat for hours of audio. */
const CHUNK_SAMPLES = 50;

/**
 * `count` peaks between 0 and 1 (the loudest is 1), from the audio decoded to 16-bit mono PCM
 * at a low sample rate and streamed through, never held whole in memory.
 */
export async function computeWaveform(
  tool: MediaTool,
  input: string,
  facts: MediaFacts,
  options: StepOptions & { count?: number },
): Promise<number[]> {
  const chunkPeaks: number[] = [];
  let current = 0;
  let inChunk = 0;
  let carry: Buffer | null = null;
  await tool.ffmpeg({
    input,
    inputArgs: inputFormat(facts),
    outputArgs: [
      '-map',
      `0:${facts.audio?.index ?? 0}`,
      '-vn',
      '-ac',
      '1',
      '-ar',
      String(WAVEFORM_RATE),
      '-c:a',
      'pcm_s16le',
      '-f',
      's16le',
      'pipe:1',
    ],
    timeoutMs: options.timeoutMs,
    onStdout: (chunk) => {
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      const whole = data.length - (data.length % 2);
      for (let i = 0; i < whole; i += 2) {
        const v = Math.abs(data.readInt16LE(i));
        if (v > current) current = v;
        if (++inChunk === CHUNK_SAMPLES) {
          chunkPeaks.push(current);
          current = 0;
          inChunk = 0;
        }
      }
      carry = whole < data.length ? data.subarray(whole) : null;
    },
  });
  if (inChunk > 0) chunkPeaks.push(current);
  return resamplePeaks(chunkPeaks, options.count ?? 200);
}

export function resamplePeaks(peaks: number[], count: number): number[] {
  if (peaks.length === 0) return new Array(count).fill(0);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / count));
    let max = 0;
    for (let j = from; j < to && j < peaks.length; j++) max = Math.max(max, peaks[j] as number);
    out.push(max);
  }
  const loudest = Math.max(...out);
  return out.map((v) => (loudest > 0 ? Math.round((v / loudest) * 1000) / 1000 : 0));
}

async function nonEmpty(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).size > 0;
  } catch {
    return false;
  }
}
