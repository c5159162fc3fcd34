import { describe, expect, it } from 'vitest';
import type { ProbeResult, ProbeStream } from '../../../adapters/media-tool/media-tool';
import { factsFromProbe } from './facts';
import { planRendition } from './plan';
import { MediaProcessingError } from './processing-error';

const video = (codec: string, extra: Partial<ProbeStream> = {}): ProbeStream => ({
  index: 0,
  codec_type: 'video',
  codec_name: codec,
  pix_fmt: 'yuv420p',
  width: 1920,
  height: 1080,
  ...extra,
});
const audio = (codec: string, index = 1): ProbeStream => ({ index, codec_type: 'audio', codec_name: codec });
const probe = (format: string, ...streams: ProbeStream[]): ProbeResult => ({
  format: { format_name: format, duration: '12.5' },
  streams,
});
const planOf = (p: ProbeResult) => planRendition(factsFromProbe(p));

describe('what is copied and what is encoded', () => {
  it.each([
    [
      'MediaRecorder WebM (VP8/Opus)',
      probe('matroska,webm', video('vp8'), audio('opus')),
      'webm',
      'copy',
      'copy',
    ],
    ['VP9 without sound', probe('matroska,webm', video('vp9')), 'webm', 'copy', null],
    [
      'H.264 + Opus (Chrome mp4)',
      probe('mov,mp4,m4a,3gp,3g2,mj2', video('h264'), audio('opus')),
      'mp4',
      'copy',
      'copy',
    ],
    [
      'H.264 + PCM in mov',
      probe('mov,mp4,m4a,3gp,3g2,mj2', video('h264'), audio('pcm_s16le')),
      'mp4',
      'copy',
      'aac',
    ],
    [
      '10-bit H.264',
      probe('mov,mp4,m4a,3gp,3g2,mj2', video('h264', { pix_fmt: 'yuv420p10le' })),
      'mp4',
      'h264',
      null,
    ],
    ['iPhone HEVC', probe('mov,mp4,m4a,3gp,3g2,mj2', video('hevc'), audio('aac')), 'mp4', 'h264', 'copy'],
    [
      'ProRes + PCM',
      probe('mov,mp4,m4a,3gp,3g2,mj2', video('prores'), audio('pcm_s24le')),
      'mp4',
      'h264',
      'aac',
    ],
    ['VP8 + AAC in mkv', probe('matroska,webm', video('vp8'), audio('aac')), 'webm', 'copy', 'opus'],
    ['Opus in Ogg', probe('ogg', audio('opus', 0)), 'webm', null, 'copy'],
    [
      'MP3 with cover art',
      probe('mp3', audio('mp3', 0), video('mjpeg', { index: 1, disposition: { attached_pic: 1 } })),
      'mp3',
      null,
      'copy',
    ],
    ['WAV', probe('wav', audio('pcm_s16le', 0)), 'mp4', null, 'aac'],
  ] as const)('%s', (_, p, container, v, a) => {
    expect(planOf(p)).toMatchObject({ container, video: v, audio: a });
  });
});

describe('facts from ffprobe', () => {
  it('swaps width and height of a phone video turned by 90°', () => {
    const facts = factsFromProbe(
      probe(
        'mov,mp4,m4a,3gp,3g2,mj2',
        video('hevc', { side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }),
      ),
    );
    expect(facts).toMatchObject({ kind: 'video', durationMs: 12_500, video: { width: 1080, height: 1920 } });
  });

  it('refuses a file with no audio or video stream', () => {
    expect(() =>
      factsFromProbe(probe('matroska,webm', { index: 0, codec_type: 'subtitle', codec_name: 'ass' })),
    ).toThrow(MediaProcessingError);
    expect(() => factsFromProbe(probe('mp3', video('mjpeg', { disposition: { attached_pic: 1 } })))).toThrow(
      /not audio or video we can play \(it looks like a still image\)/,
    );
  });
});
