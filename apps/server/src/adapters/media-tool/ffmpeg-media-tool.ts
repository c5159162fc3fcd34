import path from 'node:path';
import { type BinaryChoice, chooseBinary, findOnPath } from './binaries';
import {
  ALLOWED_DEMUXERS,
  type FfmpegRun,
  type MediaTool,
  MediaToolError,
  type ProbeResult,
} from './media-tool';
import { runProcess } from './run-process';

export interface FfmpegToolOptions {
  ffmpegPath: string | null;
  ffprobePath: string | null;
  /** Default limit for a probe (ffprobe reads only the start of a file; it should be quick). */
  probeTimeoutMs: number;
}

/** Options that confine every input: local files only, and only self-contained containers. */
const CONFINE = ['-protocol_whitelist', 'file,pipe', '-format_whitelist', ALLOWED_DEMUXERS.join(',')];

/**
 * The real ffmpeg. Binaries are looked up on first use (so a machine without ffmpeg can still
 * start and serve everything else) and run under `nice -n 10` where `nice` exists.
 */
export function ffmpegMediaTool(options: FfmpegToolOptions): MediaTool {
  let binaries: { ffmpeg: BinaryChoice; ffprobe: BinaryChoice } | null = null;
  const wrapper = findOnPath('nice') ? ['nice', '-n', '10'] : [];
  const resolve = () => {
    if (!binaries) {
      try {
        binaries = {
          ffmpeg: chooseBinary('ffmpeg', options.ffmpegPath),
          ffprobe: chooseBinary('ffprobe', options.ffprobePath),
        };
      } catch (error) {
        throw new MediaToolError('unavailable', (error as Error).message);
      }
    }
    return binaries;
  };

  return {
    async probe(file, probeOptions = {}) {
      const args = [
        '-hide_banner',
        '-v',
        'error',
        ...CONFINE,
        '-show_format',
        '-show_streams',
        '-of',
        'json',
        fileUrl(file),
      ];
      let stdout: Buffer;
      try {
        stdout = await runProcess(resolve().ffprobe.path, args, {
          timeoutMs: probeOptions.timeoutMs ?? options.probeTimeoutMs,
          wrapper,
          collectStdout: true,
        });
      } catch (error) {
        throw classify(error);
      }
      try {
        const parsed = JSON.parse(stdout.toString('utf8')) as Partial<ProbeResult>;
        return { format: parsed.format ?? {}, streams: parsed.streams ?? [] };
      } catch {
        throw new MediaToolError('invalid_data', 'ffprobe did not return JSON');
      }
    },

    async ffmpeg(run: FfmpegRun) {
      const args = [
        '-hide_banner',
        '-nostdin',
        // ffmpeg's own CPU-time limit, in case this process dies and cannot kill it any more.
        '-timelimit',
        String(Math.ceil(run.timeoutMs / 1000)),
        '-v',
        'error',
        ...(run.onProgress ? ['-progress', 'pipe:1', '-nostats'] : []),
        ...CONFINE,
        ...(run.inputArgs ?? []),
        '-i',
        fileUrl(run.input),
        ...run.outputArgs,
      ];
      const onStdout = run.onProgress ? progressParser(run.onProgress) : run.onStdout;
      try {
        await runProcess(resolve().ffmpeg.path, args, {
          timeoutMs: run.timeoutMs,
          wrapper,
          onStdout,
          signal: run.signal,
        });
      } catch (error) {
        throw classify(error);
      }
    },

    describe() {
      const b = resolve();
      return {
        ffmpeg: `${b.ffmpeg.path} (${b.ffmpeg.source})`,
        ffprobe: `${b.ffprobe.path} (${b.ffprobe.source})`,
      };
    },
  };
}

/** `file:` + an absolute path, so no file name is ever read as another protocol. */
export const fileUrl = (file: string) => `file:${path.resolve(file)}`;

/** Turns ffmpeg's stderr into a failure kind the caller can explain to a person. */
function classify(error: unknown): MediaToolError {
  if (!(error instanceof MediaToolError) || error.failure !== 'failed') {
    return error instanceof MediaToolError ? error : new MediaToolError('failed', String(error));
  }
  const refused = /\[([^\] @]+) @ [^\]]*\] Format not on whitelist/.exec(error.stderr);
  if (refused) {
    return new MediaToolError(
      'format_refused',
      'The input format is not allowed',
      error.stderr,
      refused[1] ?? null,
    );
  }
  const lines = error.stderr.split('\n').map((l) => l.replace(/^\[[^\]]*\]\s*/, '').trim());
  const telling = lines.find((l) =>
    /moov atom not found|EBML header parsing failed|truncat|could not find codec/i.test(l),
  );
  if (telling || lines.some((l) => /Invalid data found/i.test(l))) {
    return new MediaToolError(
      'invalid_data',
      telling ?? 'Invalid data found when processing input',
      error.stderr,
    );
  }
  return error;
}

/** `-progress pipe:1` writes `key=value` lines; out_time_us is the output position. */
function progressParser(onProgress: (outTimeMs: number) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^out_time_(?:us|ms)=(\d+)/.exec(line.trim());
      // Both keys are microseconds (out_time_ms is misnamed in ffmpeg).
      if (match) onProgress(Math.floor(Number(match[1]) / 1000));
    }
  };
}
