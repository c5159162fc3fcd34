import fs from 'node:fs/promises';
import { MediaProcessingError, notMedia } from './processing-error';

const SNIFF_BYTES = 4096;

/**
 * Looks at the first bytes before any ffmpeg runs: empty files, text (playlists, concat lists,
 * subtitles, documents renamed .mp4) are refused here with a message naming what they look like.
 * ffmpeg's own format whitelist is the second line of defence.
 */
export async function sniffFile(file: string): Promise<{ sizeBytes: number; ebml: boolean }> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new MediaProcessingError('The file is empty (0 bytes): nothing was uploaded.');
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    const looksLike = describeText(head);
    if (looksLike) throw notMedia(looksLike);
    // Matroska/WebM magic: worth starting the usual remux before the probe answers.
    return { sizeBytes: size, ebml: head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) };
  } finally {
    await handle.close();
  }
}

/** What a text-looking head is, or null when it is binary (and so possibly media). */
export function describeText(head: Buffer): string | null {
  if (head.includes(0)) return null;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  // Mostly printable: media containers are full of control bytes and invalid UTF-8.
  let bad = text.split('\uFFFD').length - 1;
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) bad++;
  if (bad > text.length * 0.02) return null;
  const start = text.trimStart();
  if (start.startsWith('#EXTM3U')) return 'an HLS playlist';
  if (/^ffconcat\b/.test(start) || /^file\s+['"]?\S/m.test(start)) return 'an ffmpeg concat list';
  if (start.startsWith('<?xml') || start.startsWith('<MPD'))
    return start.includes('<MPD') ? 'a DASH manifest' : 'an XML document';
  if (start.startsWith('WEBVTT')) return 'WebVTT subtitles';
  if (/^\d+\s*\r?\n\d\d:\d\d:\d\d,\d\d\d --> /.test(start)) return 'SRT subtitles';
  if (start.startsWith('%PDF')) return 'a PDF document';
  if (/^<(!doctype html|html)/i.test(start)) return 'a web page';
  return 'text';
}
