/** A watched stretch of a recording, [startMs, endMs) with start < end. */
export type WatchedRange = [number, number];

/** A view counts after 5 seconds, or after 75 % of a recording shorter than that. */
export const COUNT_AFTER_MS = 5000;
export const COUNT_AFTER_FRACTION = 0.75;

/**
 * Merges watched ranges into sorted, non-overlapping ones. Ranges that touch (or are within
 * `gapMs` of each other) join, so reports every 10 s do not leave hairline gaps. Out-of-order,
 * reversed and overlapping input is fine; anything past `durationMs` (when known) is cut off.
 */
export function mergeRanges(
  ranges: readonly (readonly [number, number])[],
  durationMs: number | null = null,
  gapMs = 0,
): WatchedRange[] {
  const limit = durationMs === null ? Number.POSITIVE_INFINITY : Math.max(0, durationMs);
  const clean: WatchedRange[] = [];
  for (const [a, b] of ranges) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const start = Math.max(0, Math.min(a, b, limit));
    const end = Math.max(0, Math.min(Math.max(a, b), limit));
    if (end > start) clean.push([Math.round(start), Math.round(end)]);
  }
  clean.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: WatchedRange[] = [];
  for (const range of clean) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + gapMs) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Total time covered by merged ranges. */
export const watchedMs = (merged: readonly WatchedRange[]): number =>
  merged.reduce((sum, [start, end]) => sum + (end - start), 0);

/** 5 s watched, or 75 % of the recording (for clips shorter than 5 s / 0.75). */
export function countsAsView(watched: number, durationMs: number | null): boolean {
  if (watched >= COUNT_AFTER_MS) return true;
  return durationMs !== null && durationMs > 0 && watched >= COUNT_AFTER_FRACTION * durationMs;
}

/** Stored JSON back into ranges; a damaged value reads as nothing watched. */
export function parseRanges(json: string): WatchedRange[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (r): r is WatchedRange =>
        Array.isArray(r) && r.length === 2 && typeof r[0] === 'number' && typeof r[1] === 'number',
    );
  } catch {
    return [];
  }
}
