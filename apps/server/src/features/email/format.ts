import type { ExpectationKind } from '../../db/schema';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Only absolute http(s) URLs go into an email; anything else (javascript:, data:) becomes null. */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: validZone(timeZone),
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

function validZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "Fri 4 Dec, 17:00" in the recipient's zone (built from parts, so ICU versions agree). */
export function formatLocalTime(at: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute}`;
}

/** What the sender asked for, worded for the reader: "Reply by Fri 4 Dec, 17:00". */
export function expectationLabel(kind: ExpectationKind, dueAt: number | null, timeZone: string): string {
  const due = dueAt === null ? null : formatLocalTime(dueAt, timeZone);
  switch (kind) {
    case 'urgent':
      return 'Urgent — needs an answer now';
    case 'reply_by':
      return due ? `Reply by ${due}` : 'Reply needed';
    case 'decision_by':
      return due ? `Decision by ${due}` : 'Decision needed';
    case 'reply':
      return 'Reply when you can';
    case 'fyi':
      return 'FYI — no reply needed';
  }
}

/** The first few lines of a post, at most `maxChars`, cut at a word boundary. */
export function excerptOf(text: string, maxLines = 4, maxChars = 300): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  let out = lines.slice(0, maxLines).join('\n').trim();
  const cut = out.length > maxChars || lines.length > maxLines;
  if (out.length > maxChars) {
    const slice = out.slice(0, maxChars);
    const space = slice.lastIndexOf(' ');
    out = (space > maxChars * 0.6 ? slice.slice(0, space) : slice).trimEnd();
  }
  return cut ? `${out}…` : out;
}

/** Strips characters that would break a header line (subjects are user input). */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\t\0]+/g, ' ').trim();
}
