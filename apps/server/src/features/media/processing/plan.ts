import type { MediaFacts } from './facts';

/**
 * How to turn an upload into what every browser plays. Copy streams when their codecs play in
 * browsers (remuxing gives MediaRecorder's WebM a duration and cues, so it becomes seekable, at
 * the cost of reading the file once); re-encode only the streams that do not.
 */
export interface RenditionPlan {
  container: 'webm' | 'mp4' | 'mp3';
  /** File name extension of the rendition. */
  ext: 'webm' | 'mp4' | 'm4a' | 'mp3';
  mimeType: string;
  video: 'copy' | 'h264' | null;
  audio: 'copy' | 'aac' | 'opus' | null;
}

const WEBM_VIDEO = new Set(['vp8', 'vp9', 'av1']);
const WEBM_AUDIO = new Set(['opus', 'vorbis']);
const MP4_AUDIO = new Set(['aac', 'opus', 'mp3']);
/** 8-bit 4:2:0 H.264: what every browser decodes (10-bit or 4:4:4 H.264 does not play in most). */
const PLAYABLE_H264_PIX = new Set(['yuv420p', 'yuvj420p']);

export function planRendition(facts: MediaFacts): RenditionPlan {
  const a = facts.audio?.codec ?? null;
  if (facts.video) {
    const v = facts.video;
    if (WEBM_VIDEO.has(v.codec)) {
      return {
        container: 'webm',
        ext: 'webm',
        mimeType: 'video/webm',
        video: 'copy',
        audio: audioFor(a, WEBM_AUDIO, 'opus'),
      };
    }
    const h264Plays = v.codec === 'h264' && PLAYABLE_H264_PIX.has(v.pixFmt ?? '');
    return {
      container: 'mp4',
      ext: 'mp4',
      mimeType: 'video/mp4',
      video: h264Plays ? 'copy' : 'h264',
      audio: audioFor(a, h264Plays ? MP4_AUDIO : new Set(['aac']), 'aac'),
    };
  }
  if (a !== null && WEBM_AUDIO.has(a)) {
    // Ogg does not play in Safari; the same Opus/Vorbis packets in WebM do.
    return { container: 'webm', ext: 'webm', mimeType: 'audio/webm', video: null, audio: 'copy' };
  }
  if (a === 'mp3')
    return { container: 'mp3', ext: 'mp3', mimeType: 'audio/mpeg', video: null, audio: 'copy' };
  // AAC is copied; PCM (wav), FLAC, AMR, WMA… become AAC in M4A, which plays everywhere.
  return {
    container: 'mp4',
    ext: 'm4a',
    mimeType: 'audio/mp4',
    video: null,
    audio: a === 'aac' ? 'copy' : 'aac',
  };
}

function audioFor(codec: string | null, playable: Set<string>, fallback: 'aac' | 'opus') {
  if (codec === null) return null;
  return playable.has(codec) ? 'copy' : fallback;
}

/** True when the rendition needs real encoding work (progress is worth reporting). */
export const isTranscode = (plan: RenditionPlan) =>
  plan.video === 'h264' || (plan.video === null && plan.audio !== 'copy');
