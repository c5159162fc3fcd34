import type { TranscriptWord } from '@tidings/contracts';

export interface Segment {
  startMs: number;
  endMs: number;
  text: string;
}

const SENTENCE_END = /[.!?…]["')\]]*$/;

/**
 * Groups words into runs that end at a sentence end, a pause, or a size limit. Captions use
 * short runs (≈ 7 words, ≤ 4 s); search indexes sentence-sized runs so a hit knows where it starts.
 */
export function segmentWords(
  words: TranscriptWord[],
  limits: { maxWords: number; maxMs: number; pauseMs: number },
): Segment[] {
  const segments: Segment[] = [];
  let run: TranscriptWord[] = [];
  const flush = () => {
    const first = run[0];
    const last = run[run.length - 1];
    if (first && last) {
      segments.push({ startMs: first.startMs, endMs: last.endMs, text: run.map((w) => w.text).join(' ') });
    }
    run = [];
  };
  for (const word of words) {
    if (word.text.trim() === '') continue;
    const first = run[0];
    const last = run[run.length - 1];
    if (
      first &&
      last &&
      (run.length >= limits.maxWords ||
        word.endMs - first.startMs > limits.maxMs ||
        word.startMs - last.endMs > limits.pauseMs)
    ) {
      flush();
    }
    run.push(word);
    if (SENTENCE_END.test(word.text)) flush();
  }
  flush();
  return segments;
}

export const captionCues = (words: TranscriptWord[]) =>
  segmentWords(words, { maxWords: 7, maxMs: 4000, pauseMs: 1500 });

export const searchSegments = (words: TranscriptWord[]) =>
  segmentWords(words, { maxWords: 20, maxMs: 12_000, pauseMs: 1500 });

const stamp = (ms: number) => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
};

/** WebVTT from word times; `-->` and markup characters in words are escaped. */
export function buildVtt(words: TranscriptWord[]): string {
  const escapeCue = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/-->/g, '--&gt;');
  const cues = captionCues(words).map(
    (cue, i) =>
      `${i + 1}\n${stamp(cue.startMs)} --> ${stamp(Math.max(cue.endMs, cue.startMs + 300))}\n${escapeCue(cue.text)}\n`,
  );
  return ['WEBVTT', '', ...cues].join('\n');
}

/** The transcript's plain text, from its (corrected) words. */
export const wordsText = (words: TranscriptWord[]) =>
  words
    .map((w) => w.text.trim())
    .filter((t) => t !== '')
    .join(' ');
