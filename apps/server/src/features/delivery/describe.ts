import { addDays, cityOf, hhmm, isoDate, wallClock } from './zoned-time';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "09:00 tomorrow", "14:00 on Monday", "09:00 on 3 Aug" — `at` as the recipient reads it. */
export function whenInWords(zone: string, now: number, at: number): string {
  const today = wallClock(zone, now);
  const then = wallClock(zone, at);
  const time = hhmm(then);
  const day = isoDate(then);
  if (day === isoDate(today)) return `${time} today`;
  if (day === isoDate(addDays(today, 1))) return `${time} tomorrow`;
  for (let k = 2; k < 7; k++)
    if (day === isoDate(addDays(today, k))) return `${time} on ${WEEKDAYS[then.weekday]}`;
  return `${time} on ${then.day} ${MONTHS[then.month - 1]}`;
}

/**
 * What the composer shows beside a recipient: "22:10 in Lisbon — will see it at 09:00 tomorrow".
 */
export function deliverySentence(
  zone: string,
  now: number,
  at: number | null,
  awayUntil: string | null,
): string {
  const local = `${hhmm(wallClock(zone, now))} in ${cityOf(zone)}`;
  const away = awayUntil ? ` — away until ${awayUntil}` : '';
  if (at === null) return `${local}${away} — no working hours set; they will see it in their inbox`;
  if (at <= now) return `${local}${away} — will be notified now`;
  return `${local}${away} — will see it at ${whenInWords(zone, now, at)}`;
}
