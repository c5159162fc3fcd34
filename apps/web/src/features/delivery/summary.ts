import type { DeliveryPreferences } from '@tidings/contracts';

type Prefs = DeliveryPreferences;
type Choice = Prefs['channels']['urgent'];

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** The week as people read it here: Monday first (the stored index stays 0 = Sunday). */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** "09:00, 12:00 and 14:00". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function rangesText(ranges: Prefs['workingHours'][number]): string {
  return listInWords(ranges.map((r) => `${r.start}–${r.end}`));
}

/** "Mon–Fri 09:00–17:00, Sat 10:00–12:00" — runs of days with the same hours share a label. */
export function describeWeek(workingHours: Prefs['workingHours']): string {
  const runs: Array<{ from: number; to: number; text: string }> = [];
  for (const day of WEEK_ORDER) {
    const ranges = workingHours[day] ?? [];
    if (ranges.length === 0) continue;
    const text = rangesText(ranges);
    const last = runs.at(-1);
    const previousDay = last ? WEEK_ORDER[WEEK_ORDER.indexOf(day) - 1] : undefined;
    if (last && last.text === text && previousDay === last.to) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  if (runs.length === 0) return 'no working hours';
  return runs
    .map(({ from, to, text }) => {
      const span = WEEK_ORDER.indexOf(to) - WEEK_ORDER.indexOf(from);
      const days =
        span === 0
          ? SHORT_DAYS[from]
          : span === 1
            ? `${SHORT_DAYS[from]}, ${SHORT_DAYS[to]}`
            : `${SHORT_DAYS[from]}–${SHORT_DAYS[to]}`;
      return `${days} ${text}`;
    })
    .join('; ');
}

/** "by email and in the app", "by email", "in the app", or null when the kind is off. */
export function channelWords(choice: Choice): string | null {
  if (choice.email && choice.inApp) return 'by email and in the app';
  if (choice.email) return 'by email';
  if (choice.inApp) return 'in the app';
  return null;
}

/** Plain sentences saying what the chosen settings mean for the person. */
export function summarize(p: Prefs): string[] {
  const sentences = [`You work ${describeWeek(p.workingHours)} (${p.timeZone.replaceAll('_', ' ')}).`];

  const digest = channelWords(p.channels.digest);
  if (!digest) sentences.push('You get no digest; new posts wait in your inbox.');
  else if (p.digestTimes.length === 0) sentences.push('You chose no digest times, so no digest goes out.');
  else {
    const times = listInWords([...p.digestTimes].sort());
    sentences.push(
      `You get digest${p.digestTimes.length > 1 ? 's' : ''} at ${times} on working days (${digest}).`,
    );
  }

  const urgent = channelWords(p.channels.urgent);
  sentences.push(
    urgent
      ? `Urgent messages reach you ${urgent} at once during working hours; outside them only when the sender confirms.`
      : 'Urgent messages are not pushed to you; they wait at the top of your inbox.',
  );

  const reminder = channelWords(p.channels.reminder);
  const mention = channelWords(p.channels.mention);
  if (reminder) sentences.push(`Reminders before a due date come ${reminder}, inside your working hours.`);
  if (mention) sentences.push(`Mentions reach you ${mention}.`);

  if (p.focusBlocks.length > 0) {
    const blocks = p.focusBlocks.map((b) => `${SHORT_DAYS[b.weekday]} ${b.start}–${b.end}`);
    sentences.push(`Nothing interrupts your focus time: ${listInWords(blocks)}.`);
  }
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = p.timeOff.filter((t) => t.to >= today).sort((a, b) => a.from.localeCompare(b.from));
  const next = upcoming[0];
  if (next) {
    sentences.push(
      `You are away ${next.from === next.to ? `on ${next.from}` : `from ${next.from} to ${next.to}`}; senders see it, and only urgent posts from the people you chose reach you.`,
    );
  }
  return sentences;
}
