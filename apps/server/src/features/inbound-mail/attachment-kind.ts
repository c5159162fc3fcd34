import { describeText } from '../media/processing/sniff';

export type AttachmentKind = 'audio' | 'video' | 'file';

/** ISO-BMFF brands that are still images (HEIC, AVIF…), not recordings. */
const IMAGE_BRANDS = new Set([
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'mif1',
  'msf1',
  'avif',
  'avis',
  'crx ',
]);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);

const ascii = (head: Buffer, start: number, end: number) => head.subarray(start, end).toString('latin1');

/**
 * Audio, video, or a plain file, from the bytes (the declared type only breaks a tie between
 * audio and video in containers that hold both). Text of any kind is a file: the media code's
 * sniff already names what it looks like. ffmpeg decides for good when the recording is finalized.
 */
export function attachmentKind(content: Buffer, declaredType: string): AttachmentKind {
  const head = content.subarray(0, 4096);
  if (head.length < 12 || describeText(head) !== null) return 'file';
  const saysAudio = /^audio\//i.test(declaredType);
  const saysVideo = /^video\//i.test(declaredType);
  const either = (fallback: 'audio' | 'video') => (saysAudio ? 'audio' : saysVideo ? 'video' : fallback);

  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (IMAGE_BRANDS.has(brand)) return 'file';
    return AUDIO_BRANDS.has(brand) ? 'audio' : either('video');
  }
  if (head.readUInt32BE(0) === 0x1a45dfa3) return either('video'); // Matroska / WebM
  if (ascii(head, 0, 4) === 'OggS') return either('audio');
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WAVE') return 'audio';
    if (form === 'AVI ') return 'video';
    return 'file';
  }
  if (ascii(head, 0, 4) === 'FORM' && ascii(head, 8, 12).startsWith('AIF')) return 'audio';
  if (ascii(head, 0, 3) === 'ID3' || ascii(head, 0, 4) === 'fLaC' || ascii(head, 0, 4) === 'caff')
    return 'audio';
  if (ascii(head, 0, 5) === '#!AMR') return 'audio';
  if (ascii(head, 0, 3) === 'FLV') return 'video';
  // MPEG audio frames and AAC in ADTS: an 11-bit frame sync.
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0) return 'audio';
  // MPEG program stream, and transport stream (0x47 every 188 bytes).
  if (head.readUInt32BE(0) === 0x000001ba || head.readUInt32BE(0) === 0x000001b3) return 'video';
  if (head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47) return 'video';
  return 'file';
}
