/**
 * HTTP Range and conditional-request rules for serving one file (RFC 9110 §13–14), as pure
 * functions so each edge case is tested without a server.
 */

export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * One `bytes=` range against a file of `size` bytes. A missing or malformed header, another
 * unit, or several ranges serve the whole file (200): the RFC lets a server ignore Range, and a
 * multipart/byteranges body is something no player asks for.
 */
export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (!header) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // Suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'full' }; // syntactically invalid: ignore the header
  return { kind: 'partial', start, end };
}

/** Strong comparison for If-Range; weak comparison (W/ ignored) for If-None-Match. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

/**
 * Whether a Range request may be honoured given its If-Range: an entity tag must match
 * strongly; a date must equal Last-Modified (to the second). Otherwise the file changed since
 * the client's partial copy, so it gets the whole file.
 */
export function ifRangeAllows(header: string | undefined, etag: string, lastModifiedMs: number): boolean {
  if (!header) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const date = Date.parse(value);
  return Number.isFinite(date) && Math.floor(date / 1000) === Math.floor(lastModifiedMs / 1000);
}
