/**
 * Wall-clock time in IANA zones with nothing but Intl: the zone's UTC offset at an instant, the
 * wall clock at an instant, and the instant of a wall-clock time (DST gaps and overlaps
 * resolved the way people expect: a time skipped by a spring-forward gap moves forward by the
 * gap; an ambiguous time in a fall-back overlap is its first occurrence).
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Every zone's offset is a multiple of 15 min, so offsets only change on 15-min UTC boundaries. */
const BUCKET = 15 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `instant`, in ms (Lisbon in summer: +3 600 000). */
export function offsetMs(zone: string, instant: number): number {
  const bucket = Math.floor(instant / BUCKET) * BUCKET;
  const key = `${zone}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(bucket)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = asUtc - bucket;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** A calendar day, for walking day by day in local time. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

export function wallClock(zone: string, instant: number): WallClock {
  const d = new Date(instant + offsetMs(zone, instant));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/** The day `days` after `date` (negative goes back); weekday follows. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

/** "2026-03-29" */
export const isoDate = (d: LocalDate): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export const hhmm = (w: { hour: number; minute: number }): string =>
  `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;

/**
 * The instant at which clocks in `zone` show y-m-d hh:mm (hh may be 24 for the day's end).
 * In a spring-forward gap the time moves forward by the gap (01:30 → 02:30 in Lisbon on
 * 29 Mar 2026); in a fall-back overlap it is the first of the two (the summer-time one).
 */
export function zonedWallTimeToInstant(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetMs(zone, asUtc - DAY);
  const after = offsetMs(zone, asUtc + DAY);
  const early = asUtc - before;
  const late = asUtc - after;
  const earlyOk = early + offsetMs(zone, early) === asUtc;
  const lateOk = late + offsetMs(zone, late) === asUtc;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  // Skipped by a gap: read the wall time with the offset in force before the change.
  return early;
}

/** "Lisbon", "New York" — the city part of a zone name, for sentences. */
export const cityOf = (zone: string): string => (zone.split('/').pop() ?? zone).replaceAll('_', ' ');
