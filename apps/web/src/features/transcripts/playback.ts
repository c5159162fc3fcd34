import type { TranscriptWord } from '@tidings/contracts';

/** Silences shorter than this are kept: they are the rhythm of speech, not dead air. */
export const SKIP_MIN_MS = 500;
export const READ_WPM = 250;

interface Span {
  startMs: number;
  endMs: number;
}

/** Index of the word being spoken at `ms` (the last word that started), or -1 before the first. */
export function wordAt(words: readonly Span[], ms: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((words[mid] as Span).startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Where playback should jump to when it is at `ms` inside a silence worth skipping, or null.
 * A silence that runs to the end of the media is not skipped here: `playableEnd` stops there.
 */
export function skipTarget(silences: readonly Span[], ms: number, durationMs: number): number | null {
  for (const s of silences) {
    if (s.endMs - s.startMs < SKIP_MIN_MS) continue;
    if (durationMs > 0 && s.endMs >= durationMs - 50) continue;
    // A little margin so the first sound after the silence is not clipped.
    if (ms >= s.startMs && ms < s.endMs - 150) return Math.max(ms, s.endMs - 100);
  }
  return null;
}

/** Where playback starts: after a leading silence. */
export function playableStart(silences: readonly Span[]): number {
  const first = silences[0];
  return first && first.startMs <= 50 && first.endMs - first.startMs >= SKIP_MIN_MS
    ? Math.max(0, first.endMs - 100)
    : 0;
}

/** Where playback stops: at a trailing silence (null: play to the end). */
export function playableEnd(silences: readonly Span[], durationMs: number): number | null {
  const last = silences[silences.length - 1];
  if (!last || durationMs <= 0 || last.endMs < durationMs - 50) return null;
  if (last.endMs - last.startMs < SKIP_MIN_MS || last.startMs <= 0) return null;
  return last.startMs + 100;
}

/** Whole minutes (at least 1) it takes to play `durationMs` at `speed`. */
export function minutesAt(durationMs: number, speed: number): number {
  return Math.max(1, Math.round(durationMs / speed / 60_000));
}

/** The "time to take in" line: duration, at 1.5×, and reading time when there is a transcript. */
export function takeInParts(durationMs: number, words: readonly TranscriptWord[] | null): string[] {
  const parts: string[] = [];
  if (durationMs >= 60_000) parts.push(`≈ ${minutesAt(durationMs, 1.5)} min at 1.5×`);
  else if (durationMs > 0) parts.push(`≈ ${Math.max(1, Math.round(durationMs / 1500))} s at 1.5×`);
  if (words && words.length > 0) {
    const seconds = Math.max(1, Math.round((words.length / READ_WPM) * 60));
    parts.push(seconds >= 90 ? `read in ≈ ${Math.round(seconds / 60)} min` : `read in ≈ ${seconds} s`);
  }
  return parts;
}

/** "6 min × 8 people = 48 person-minutes" (null when there is nothing to watch or nobody to send to). */
export function attentionCost(totalMs: number, people: number): string | null {
  if (totalMs <= 0 || people <= 0) return null;
  const minutes = totalMs / 60_000;
  const shown = minutes < 1 ? `${Math.round(totalMs / 1000)} s` : `${Math.round(minutes)} min`;
  const total = Math.round(minutes * people * 10) / 10;
  const who = people === 1 ? '1 person' : `${people} people`;
  return `${shown} × ${who} = ${total} person-minute${total === 1 ? '' : 's'}`;
}

/** Recordings over 3 minutes sent to more than 3 people should say what they are about. */
export function suggestsSummary(totalMs: number, people: number): boolean {
  return totalMs > 3 * 60_000 && people > 3;
}
