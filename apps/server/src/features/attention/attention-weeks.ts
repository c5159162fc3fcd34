import type { AttentionWeek } from '@tidings/contracts';
import { type DeliveryPreferences, minutesOf } from '@tidings/contracts';
import { addDays, type LocalDate, wallClock, zonedWallTimeToInstant } from '../delivery/zoned-time';
import type { AttentionRows } from './attention.repository';

/** Pure pieces of the attention report: local ISO weeks, bucketing, medians. */

export interface WeekRange {
  label: string;
  start: number;
  end: number;
}

type Kind = keyof AttentionWeek['medianMinutesToAnswer'];
const KINDS: Kind[] = ['reply', 'reply_by', 'decision_by', 'urgent'];

/** The last `count` ISO weeks in `zone`, oldest first, the one containing `now` last. */
export function localWeeks(zone: string, now: number, count: number): WeekRange[] {
  const today = wallClock(zone, now);
  const monday = addDays(today, -((today.weekday + 6) % 7));
  const startOf = (d: LocalDate) => zonedWallTimeToInstant(zone, d.year, d.month, d.day, 0, 0);
  return Array.from({ length: count }, (_, i) => {
    const first = addDays(monday, -7 * (count - 1 - i));
    return { label: isoWeekLabel(first), start: startOf(first), end: startOf(addDays(first, 7)) };
  });
}

/** "2026-W49": the ISO week a Monday starts (its year is the year of that week's Thursday). */
export function isoWeekLabel(monday: LocalDate): string {
  const thursday = addDays(monday, 3);
  const dayOfYear =
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) / 86_400_000;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${thursday.year}-W${String(week).padStart(2, '0')}`;
}

/** Inside one of the person's working ranges for that local weekday (focus time still counts as work). */
export function insideWorkingHours(prefs: DeliveryPreferences, instant: number): boolean {
  const w = wallClock(prefs.timeZone, instant);
  const minute = w.hour * 60 + w.minute;
  return (prefs.workingHours[w.weekday] ?? []).some(
    (r) => minutesOf(r.start) <= minute && minute < minutesOf(r.end),
  );
}

/** Raw tallies per week for one person; `samples` keep answer times so team medians pool them. */
export interface WeekTally {
  range: WeekRange;
  urgentSent: number;
  urgentReceived: number;
  delivered: number;
  outsideHours: number;
  asksDue: number;
  inTime: number;
  samples: Record<Kind, number[]>;
}

const emptyTally = (range: WeekRange): WeekTally => ({
  range,
  urgentSent: 0,
  urgentReceived: 0,
  delivered: 0,
  outsideHours: 0,
  asksDue: 0,
  inTime: 0,
  samples: { reply: [], reply_by: [], decision_by: [], urgent: [] },
});

/** Buckets one person's rows (already filtered to them) into their local weeks. */
export function tallyPerson(
  rows: AttentionRows,
  prefs: DeliveryPreferences,
  weeks: WeekRange[],
  now: number,
): WeekTally[] {
  const tallies = weeks.map(emptyTally);
  const bucket = (at: number) => tallies.find((t) => t.range.start <= at && at < t.range.end);
  for (const r of rows.urgentSent) {
    const t = bucket(r.at);
    if (t) t.urgentSent++;
  }
  for (const r of rows.urgentReceived) {
    const t = bucket(r.at);
    if (t) t.urgentReceived++;
  }
  // One digest email carries several notification rows delivered together: count it once.
  const digestsSeen = new Set<number>();
  for (const r of rows.delivered) {
    if (r.channel === 'digest') {
      if (digestsSeen.has(r.at)) continue;
      digestsSeen.add(r.at);
    }
    const t = bucket(r.at);
    if (!t) continue;
    t.delivered++;
    if (!insideWorkingHours(prefs, r.at)) t.outsideHours++;
  }
  for (const r of rows.asksDue) {
    if (r.due_at > now) continue; // not due yet: neither on time nor late
    const t = bucket(r.due_at);
    if (!t) continue;
    t.asksDue++;
    if (r.answered_at !== null && r.answered_at <= r.due_at) t.inTime++;
  }
  for (const r of rows.answers) {
    const t = bucket(r.answered_at);
    if (!t || r.expectation === 'fyi') continue;
    t.samples[r.expectation].push((r.answered_at - r.asked_at) / 60_000);
  }
  return tallies;
}

export function presentWeek(t: WeekTally): AttentionWeek {
  const medians = Object.fromEntries(KINDS.map((k) => [k, median(t.samples[k])])) as Record<
    Kind,
    number | null
  >;
  return {
    week: t.range.label,
    startsAt: t.range.start,
    urgentSent: t.urgentSent,
    urgentReceived: t.urgentReceived,
    notificationsDelivered: t.delivered,
    notificationsOutsideHours: t.outsideHours,
    asksDue: t.asksDue,
    asksAnsweredInTime: t.inTime,
    answeredInTimeShare: t.asksDue === 0 ? null : Math.round((t.inTime / t.asksDue) * 1000) / 1000,
    medianMinutesToAnswer: medians,
    // No media exists yet (video and voice come with the media issue); then this sums the
    // durations of media in posts addressed to the person.
    mediaMinutesReceived: 0,
  };
}

/** Sums tallies with the same ISO week label (people in other zones have their own bounds). */
export function mergeTallies(all: WeekTally[][], count: number): WeekTally[] {
  const byLabel = new Map<string, WeekTally>();
  for (const person of all) {
    for (const t of person) {
      const into = byLabel.get(t.range.label);
      if (!into) {
        byLabel.set(t.range.label, { ...t, samples: copySamples(t.samples) });
        continue;
      }
      into.range = { ...into.range, start: Math.min(into.range.start, t.range.start) };
      into.urgentSent += t.urgentSent;
      into.urgentReceived += t.urgentReceived;
      into.delivered += t.delivered;
      into.outsideHours += t.outsideHours;
      into.asksDue += t.asksDue;
      into.inTime += t.inTime;
      for (const k of KINDS) into.samples[k].push(...t.samples[k]);
    }
  }
  return [...byLabel.values()].sort((a, b) => a.range.label.localeCompare(b.range.label)).slice(-count);
}

function copySamples(s: Record<Kind, number[]>): Record<Kind, number[]> {
  return {
    reply: [...s.reply],
    reply_by: [...s.reply_by],
    decision_by: [...s.decision_by],
    urgent: [...s.urgent],
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}
