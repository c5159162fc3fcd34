/**
 * ffmpeg and ffprobe behind an interface. Every run is confined: one local input read through the
 * `file` protocol only, a whitelist of container formats (so playlists and concat lists that
 * would make ffmpeg open other files or URLs are refused before anything is read), a time limit
 * and a lower CPU priority.
 */
export interface MediaTool {
  /** ffprobe's JSON (format and streams) for a local file. */
  probe(file: string, options?: { timeoutMs?: number }): Promise<ProbeResult>;
  /**
   * Runs ffmpeg on one local input. `inputArgs` go before `-i` (seek, forced format),
   * `outputArgs` after it and must name the output(s).
   */
  ffmpeg(run: FfmpegRun): Promise<void>;
  /** Where the binaries were found, for logs and docs. */
  describe(): { ffmpeg: string; ffprobe: string };
}

export interface FfmpegRun {
  input: string;
  inputArgs?: string[];
  outputArgs: string[];
  timeoutMs: number;
  /** Called with the output position (ms) parsed from `-progress pipe:1`. */
  onProgress?: (outTimeMs: number) => void;
  /** Receives raw stdout (e.g. PCM samples written to `pipe:1`); excludes onProgress. */
  onStdout?: (chunk: Buffer) => void;
  /** Stops the run (its promise rejects with `aborted`). */
  signal?: AbortSignal;
}

export interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  duration?: string;
  sample_rate?: string;
  channels?: number;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
}

export interface ProbeResult {
  format: { format_name?: string; duration?: string; size?: string; bit_rate?: string };
  streams: ProbeStream[];
}

export type MediaToolFailure =
  /** The process ran past its time limit and was killed. */
  | 'timeout'
  /** The input's container is not one we let ffmpeg read (playlists, concat lists, text…). */
  | 'format_refused'
  /** ffmpeg/ffprobe could not make sense of the input. */
  | 'invalid_data'
  /** No ffmpeg/ffprobe binary could be found or started. */
  | 'unavailable'
  /** Stopped through its AbortSignal. */
  | 'aborted'
  | 'failed';

export class MediaToolError extends Error {
  constructor(
    readonly failure: MediaToolFailure,
    message: string,
    /** Last lines ffmpeg wrote to stderr, for logs. */
    readonly stderr = '',
    /** For `format_refused`: the demuxer ffmpeg recognised (hls, concat, tty…). */
    readonly formatName: string | null = null,
  ) {
    super(message);
  }
}

/**
 * Demuxers ffmpeg may use on uploads: containers that hold their own media and never refer to
 * other files or URLs. Anything else (hls, dash, concat, ffconcat, tty, srt, image2 sequences…)
 * is refused by ffmpeg itself (`-format_whitelist`) before it opens a second file.
 */
export const ALLOWED_DEMUXERS = [
  'matroska,webm',
  'mov,mp4,m4a,3gp,3g2,mj2',
  'mp3',
  'ogg',
  'wav',
  'w64',
  'flac',
  'aac',
  'aiff',
  'caf',
  'amr',
  'avi',
  'mpegts',
  'mpeg',
  'flv',
  'asf',
] as const;
