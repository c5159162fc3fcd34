import fs from 'node:fs/promises';
import type { RecognisedWord } from '../../adapters/speech/speech-to-text';

/** 16 kHz mono 16-bit: 32 000 bytes per second of audio. */
export const BYTES_PER_MS = 32;
export const WINDOW_MS = 30_000;
export const OVERLAP_MS = 2_000;

export interface WavInfo {
  /** Byte offset of the PCM samples. */
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
}

/** Finds the `data` chunk of a 16 kHz mono s16le WAV as ffmpeg writes it (reads only the header). */
export async function readWavInfo(file: string): Promise<WavInfo> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await handle.read(head, 0, head.length, 0);
    if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') {
      throw new Error('not a WAV file');
    }
    let at = 12;
    while (at + 8 <= head.length) {
      const id = head.toString('ascii', at, at + 4);
      const length = head.readUInt32LE(at + 4);
      if (id === 'data') {
        const dataOffset = at + 8;
        // A header written before the length was known says 0 or 0xffffffff: trust the file size.
        const available = size - dataOffset;
        const dataBytes = length > 0 && length <= available ? length : available;
        return { dataOffset, dataBytes, durationMs: Math.floor(dataBytes / BYTES_PER_MS) };
      }
      at += 8 + length + (length % 2);
    }
    throw new Error('WAV without a data chunk');
  } finally {
    await handle.close();
  }
}

export interface AudioWindow {
  index: number;
  startMs: number;
  endMs: number;
}

/** Overlapping windows covering [0, durationMs): each starts `window - overlap` after the last. */
export function planWindows(durationMs: number, windowMs = WINDOW_MS, overlapMs = OVERLAP_MS): AudioWindow[] {
  const windows: AudioWindow[] = [];
  const step = windowMs - overlapMs;
  for (let startMs = 0, index = 0; startMs < durationMs || index === 0; startMs += step, index++) {
    const endMs = Math.min(durationMs, startMs + windowMs);
    windows.push({ index, startMs, endMs });
    if (endMs >= durationMs) break;
  }
  return windows;
}

function wavHeader(dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(16_000, 24);
  h.writeUInt32LE(16_000 * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/**
 * Copies one window of the big WAV into its own small WAV file. Only the window's bytes are
 * ever in memory (≈ 1 MB for 30 s), however long the recording.
 */
export async function writeWindow(source: string, info: WavInfo, window: AudioWindow, target: string) {
  const from = info.dataOffset + window.startMs * BYTES_PER_MS;
  const bytes = Math.min(
    (window.endMs - window.startMs) * BYTES_PER_MS,
    info.dataOffset + info.dataBytes - from,
  );
  const body = Buffer.alloc(Math.max(0, bytes - (bytes % 2)));
  const handle = await fs.open(source, 'r');
  try {
    await handle.read(body, 0, body.length, from);
  } finally {
    await handle.close();
  }
  await fs.writeFile(target, Buffer.concat([wavHeader(body.length), body]));
}

/**
 * Adds one window's words (times relative to the window) to the words so far. In the overlap the
 * earlier window keeps words starting before the overlap's middle and the later one the rest,
 * so a word heard by both appears once; a word repeated at (almost) the same time is dropped.
 */
export function mergeWindow(
  sofar: RecognisedWord[],
  windowWords: RecognisedWord[],
  window: AudioWindow,
  overlapMs = OVERLAP_MS,
): RecognisedWord[] {
  const shifted = windowWords
    .map((w) => ({ ...w, startMs: w.startMs + window.startMs, endMs: w.endMs + window.startMs }))
    .sort((a, b) => a.startMs - b.startMs);
  if (window.index === 0 || sofar.length === 0) return [...sofar, ...shifted];
  const boundary = window.startMs + overlapMs / 2;
  const kept = sofar.filter((w) => w.startMs < boundary);
  for (const word of shifted) {
    if (word.startMs < boundary) continue;
    const last = kept[kept.length - 1];
    const duplicate =
      last !== undefined &&
      last.text.toLowerCase() === word.text.toLowerCase() &&
      Math.abs(last.startMs - word.startMs) < 300;
    if (!duplicate) kept.push(word);
  }
  return kept;
}
