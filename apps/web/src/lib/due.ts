import type { ExpectationKind } from '@tidings/contracts';

/** Dates in the viewer's own time zone (their profile setting), e.g. "Fri 28 Nov". */
function dayFormat(timeZone?: string) {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone });
}

function timeFormat(timeZone?: string) {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
}

function safeZone(timeZone?: string): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** "Fri 28 Nov". */
export function formatDay(ms: number, timeZone?: string): string {
  return dayFormat(safeZone(timeZone)).format(ms).replace(',', '');
}

/** "Fri 28 Nov, 17:00". */
export function formatDayTime(ms: number, timeZone?: string): string {
  const zone = safeZone(timeZone);
  return `${formatDay(ms, zone)}, ${timeFormat(zone).format(ms)}`;
}

/** The short label of an ask: "Urgent", "Decision by Fri 28 Nov", "Reply by …", "Reply", "FYI". */
export function expectationLabel(kind: ExpectationKind, dueAt: number | null, timeZone?: string): string {
  switch (kind) {
    case 'urgent':
      return 'Urgent';
    case 'decision_by':
      return dueAt ? `Decision by ${formatDay(dueAt, timeZone)}` : 'Decision';
    case 'reply_by':
      return dueAt ? `Reply by ${formatDay(dueAt, timeZone)}` : 'Reply';
    case 'reply':
      return 'Reply';
    default:
      return 'FYI';
  }
}

/** A short time for list rows: "14:05" today, "Fri 28 Nov" otherwise. */
export function formatListTime(ms: number, timeZone?: string, now = Date.now()): string {
  const zone = safeZone(timeZone);
  if (formatDay(ms, zone) === formatDay(now, zone)) return timeFormat(zone).format(ms);
  return formatDay(ms, zone);
}

/** The value for an <input type="datetime-local"> in the browser's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
