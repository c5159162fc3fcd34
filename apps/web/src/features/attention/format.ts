/** "12 min", "2.5 h", "1.5 d". */
export function formatMinutes(m: number): string {
  if (m < 60) return `${Math.round(m)} min`;
  const trim = (n: string) => n.replace(/\.0$/, '');
  if (m < 48 * 60) return `${trim((m / 60).toFixed(m < 600 ? 1 : 0))} h`;
  return `${trim((m / 1440).toFixed(1))} d`;
}

/** A y axis for durations in minutes: 1 h, 2 h, 4 h, 8 h, 12 h, 1 d, 2 d, 4 d, 1 w, 2 w, 4 w. */
export const DURATION_TOPS = [60, 120, 240, 480, 720, 1440, 2880, 5760, 10080, 20160, 40320];

export const percent = (v: number) => `${Math.round(v * 100)}%`;
export const count = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "24 Nov": the Monday an ISO week ("2026-W48") starts. Read from the week itself, not from an
 * instant, because team weeks are bucketed in each person's own zone.
 */
export function weekLabel(isoWeek: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!match) return isoWeek;
  const year = Number(match[1]);
  const week = Number(match[2]);
  // Week 1 holds 4 January; its Monday is the start of the ISO year.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(jan4 - jan4Weekday * 86_400_000 + (week - 1) * 7 * 86_400_000);
  return `${monday.getUTCDate()} ${MONTHS[monday.getUTCMonth()]}`;
}
