import type { ProbeResult, ProbeStream } from '../../../adapters/media-tool/media-tool';
import { MediaProcessingError, notMedia } from './processing-error';

export interface VideoFacts {
  index: number;
  codec: string;
  pixFmt: string | null;
  /** As displayed: width and height swapped when the file says to rotate by 90°. */
  width: number;
  height: number;
}

export interface AudioFacts {
  index: number;
  codec: string;
}

/** What ffprobe told us, reduced to what processing decides on. */
export interface MediaFacts {
  kind: 'video' | 'audio';
  /** ffprobe's demuxer name, e.g. `matroska,webm` or `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  /** Null when the container does not say (MediaRecorder WebM before remuxing). */
  durationMs: number | null;
  video: VideoFacts | null;
  audio: AudioFacts | null;
}

export function factsFromProbe(probe: ProbeResult): MediaFacts {
  const formatName = probe.format.format_name ?? 'unknown';
  // Cover art in mp3/m4a shows up as a one-frame video stream; it is not video.
  const videoStream = probe.streams.find(
    (s) => s.codec_type === 'video' && !s.disposition?.attached_pic && s.codec_name !== undefined,
  );
  const audioStream = probe.streams.find((s) => s.codec_type === 'audio' && s.codec_name !== undefined);
  if (!videoStream && !audioStream) {
    if (probe.streams.some((s) => s.codec_type === 'video')) throw notMedia('a still image');
    throw notMedia(`a ${friendlyFormat(formatName)} file without sound or pictures`);
  }
  const video = videoStream ? videoFacts(videoStream) : null;
  return {
    kind: video ? 'video' : 'audio',
    formatName,
    durationMs: durationMs(probe, videoStream ?? audioStream),
    video,
    audio: audioStream ? { index: audioStream.index, codec: audioStream.codec_name as string } : null,
  };
}

function videoFacts(s: ProbeStream): VideoFacts {
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  if (width <= 0 || height <= 0) {
    throw new MediaProcessingError('The video stream has no picture size; the file may be damaged.');
  }
  const rotation = Math.abs(
    s.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? Number(s.tags?.rotate ?? 0),
  );
  const turned = rotation % 180 === 90;
  return {
    index: s.index,
    codec: s.codec_name as string,
    pixFmt: s.pix_fmt ?? null,
    width: turned ? height : width,
    height: turned ? width : height,
  };
}

function durationMs(probe: ProbeResult, stream: ProbeStream | undefined): number | null {
  for (const value of [probe.format.duration, stream?.duration]) {
    const seconds = Number(value);
    if (value !== undefined && Number.isFinite(seconds) && seconds > 0) return Math.round(seconds * 1000);
  }
  return null;
}

/** `mov,mp4,m4a,3gp,3g2,mj2` → `mov`: the first of ffmpeg's names for a demuxer. */
export const primaryFormat = (formatName: string) => formatName.split(',')[0] ?? formatName;

const FRIENDLY: Record<string, string> = {
  hls: 'an HLS playlist',
  applehttp: 'an HLS playlist',
  dash: 'a DASH manifest',
  concat: 'an ffmpeg concat list',
  ffconcat: 'an ffmpeg concat list',
  tty: 'text',
  srt: 'SRT subtitles',
  webvtt: 'WebVTT subtitles',
  ass: 'subtitles',
  image2: 'an image',
  png_pipe: 'a PNG image',
  jpeg_pipe: 'a JPEG image',
  gif: 'a GIF image',
};

export const friendlyFormat = (formatName: string) =>
  FRIENDLY[primaryFormat(formatName)] ?? primaryFormat(formatName);
