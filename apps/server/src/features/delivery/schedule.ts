import {
  DEFAULT_CHANNELS,
  DEFAULT_DIGEST_TIMES,
  type DeliveryPreferences,
  minutesOf,
} from '@tidings/contracts';
import { addDays, isoDate, type LocalDate, wallClock, zonedWallTimeToInstant } from './zoned-time';

/**
 * The delivery engine's clock arithmetic, pure: given one person's preferences and an instant,
 * when may we reach them? Everything is computed in their own zone, day by day, so daylight-saving
 * changes fall out of zonedWallTimeToInstant.
 */

type Interval = [number, number];

/** Preferences compiled for fast questions: minutes of the day, per weekday. */
export interface Schedule {
  zone: string;
  /** Working ranges per weekday, sorted. */
  working: Interval[][];
  /** Working ranges minus focus blocks: when a notification may arrive. */
  allowed: Interval[][];
  digestMinutes: number[];
  timeOff: { from: string; to: string; urgentFrom: string[] }[];
}

/** How far ahead we look for a working moment before concluding there is none. */
const HORIZON_DAYS = 400;

export function defaultPreferences(timeZone: string): DeliveryPreferences {
  const weekday = [{ start: '09:00', end: '17:00' }];
  return {
    timeZone,
    workingHours: [[], weekday, weekday, weekday, weekday, weekday, []],
    timeOff: [],
    focusBlocks: [],
    channels: DEFAULT_CHANNELS,
    digestTimes: [...DEFAULT_DIGEST_TIMES],
  };
}

function subtract(ranges: Interval[], holes: Interval[]): Interval[] {
  let out = ranges;
  for (const [hs, he] of holes) {
    out = out.flatMap(([s, e]): Interval[] => {
      if (he <= s || hs >= e) return [[s, e]];
      const parts: Interval[] = [];
      if (hs > s) parts.push([s, hs]);
      if (he < e) parts.push([he, e]);
      return parts;
    });
  }
  return out;
}

export function compileSchedule(prefs: DeliveryPreferences): Schedule {
  const working = prefs.workingHours.map((day) =>
    day.map((r): Interval => [minutesOf(r.start), minutesOf(r.end)]).sort((a, b) => a[0] - b[0]),
  );
  const allowed = working.map((ranges, weekday) =>
    subtract(
      ranges,
      prefs.focusBlocks
        .filter((b) => b.weekday === weekday)
        .map((b): Interval => [minutesOf(b.start), minutesOf(b.end)]),
    ),
  );
  return {
    zone: prefs.timeZone,
    working,
    allowed,
    digestMinutes: prefs.digestTimes.map(minutesOf).sort((a, b) => a - b),
    timeOff: prefs.timeOff.map((t) => ({ from: t.from, to: t.to, urgentFrom: t.urgentFrom ?? [] })),
  };
}

const at = (s: Schedule, d: LocalDate, minutes: number) =>
  zonedWallTimeToInstant(s.zone, d.year, d.month, d.day, Math.floor(minutes / 60), minutes % 60);

/** The time off covering this local day, if any. */
export function timeOffOn(s: Schedule, date: LocalDate) {
  const iso = isoDate(date);
  return s.timeOff.find((t) => t.from <= iso && iso <= t.to);
}

const today = (s: Schedule, instant: number): LocalDate => wallClock(s.zone, instant);

/** Instants of the allowed windows of one local day. */
function windows(s: Schedule, date: LocalDate): Interval[] {
  return (s.allowed[date.weekday] ?? []).map(([a, b]): Interval => [at(s, date, a), at(s, date, b)]);
}

export interface Options {
  /** Time off does not stop this one (an urgent post from someone they chose). */
  ignoreTimeOff?: boolean;
}

/** The first instant at or after `from` inside their working hours, outside focus and time off. */
export function nextAllowed(s: Schedule, from: number, options: Options = {}): number | null {
  const start = today(s, from);
  for (let k = 0; k < HORIZON_DAYS; k++) {
    const date = addDays(start, k);
    if (!options.ignoreTimeOff && timeOffOn(s, date)) continue;
    for (const [a, b] of windows(s, date)) if (b > from) return Math.max(a, from);
  }
  return null;
}

export const isAllowedNow = (s: Schedule, now: number, options: Options = {}) =>
  nextAllowed(s, now, options) === now;

/**
 * The next digest strictly after `after`: a digest time on a working day, inside a working range
 * of that day (days where it is not are skipped), deferred to the end of a focus block.
 */
export function nextDigest(s: Schedule, after: number): number | null {
  const start = today(s, after);
  for (let k = 0; k < HORIZON_DAYS; k++) {
    const date = addDays(start, k);
    if (timeOffOn(s, date)) continue;
    const ranges = s.working[date.weekday] ?? [];
    const wins = windows(s, date);
    for (const m of s.digestMinutes) {
      const range = ranges.find(([a, b]) => a <= m && m < b);
      if (!range) continue;
      const slot = at(s, date, m);
      const rangeEnd = at(s, date, range[1]);
      const win = wins.find(([, b]) => b > slot);
      if (!win || win[0] >= rangeEnd) continue;
      const when = Math.max(slot, win[0]);
      if (when > after) return when;
    }
  }
  return null;
}

/**
 * When to remind someone of a post due at `dueAt`: the working morning of the latest working day
 * that has a window starting between now and the due time — on the due day itself if they work
 * before it (Thursday 09:00 for Thursday 12:00), else the day before. Null when no working moment
 * lies ahead of the due time (the digest is all they get).
 */
export function reminderAt(s: Schedule, now: number, dueAt: number): number | null {
  const due = today(s, dueAt);
  const first = today(s, now);
  for (let k = 0; k < HORIZON_DAYS; k++) {
    const date = addDays(due, -k);
    if (isoDate(date) < isoDate(first)) return null;
    if (timeOffOn(s, date)) continue;
    const start = windows(s, date).find(([a]) => a > now && a < dueAt);
    if (start) return start[0];
  }
  return null;
}

/**
 * When an urgent post reaches them: at once inside their hours (or anywhere, when the sender
 * confirmed interrupting); otherwise at the start of their next working range. Time off holds
 * it back unless the sender is one of the people they chose.
 */
export function urgentAt(
  s: Schedule,
  now: number,
  options: { confirmed: boolean; senderId: string },
): number | null {
  const off = timeOffOn(s, today(s, now));
  const passes = !off || off.urgentFrom.includes(options.senderId);
  if (passes && options.confirmed) return now;
  return nextAllowed(s, now, { ignoreTimeOff: passes && off !== undefined });
}

/** The last day of the time off they are on at `now`, following back-to-back periods. */
export function awayUntil(s: Schedule, now: number): string | null {
  let date = today(s, now);
  let off = timeOffOn(s, date);
  if (!off) return null;
  let last = off.to;
  for (let guard = 0; off && guard < 50; guard++) {
    last = off.to;
    const [y, m, d] = off.to.split('-').map(Number);
    date = addDays({ year: y ?? 0, month: m ?? 1, day: d ?? 1, weekday: 0 }, 1);
    off = timeOffOn(s, date);
  }
  return last;
}
