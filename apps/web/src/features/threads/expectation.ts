import type { Post } from '@tidings/contracts';
import { formatDay } from '../../lib/due';

/** "Ben", "Ben and Dana", "Ben, Cy and Dana". */
function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "Ana needs a reply from you by Fri 28 Nov", "You asked Ben for a decision by …", urgent reasons. */
export function expectationLine(post: Post, meId: string, timeZone: string): string | null {
  const { kind, dueAt, urgentReason } = post.expectation;
  if (kind === 'fyi') return null;
  const mine = post.author.id === meId;
  const openForMe = post.asks.some((a) => a.person.id === meId && a.answeredAt === null);
  const what = kind === 'decision_by' ? 'a decision' : kind === 'urgent' ? 'an answer' : 'a reply';
  const when =
    dueAt && (kind === 'reply_by' || kind === 'decision_by')
      ? ` by ${formatDay(dueAt, timeZone)}`
      : kind === 'urgent'
        ? ' now'
        : '';
  const reason = kind === 'urgent' && urgentReason ? ` — urgent: ${urgentReason}` : '';
  const names = listNames(
    post.asks.map((a) => (a.person.id === meId ? 'you' : (a.person.name.split(' ')[0] ?? ''))),
  );
  const first = post.author.name.split(' ')[0];
  if (openForMe) return `${first} needs ${what} from you${when}${reason}`;
  if (mine) return `You asked ${names || 'everyone addressed'} for ${what}${when}${reason}`;
  return `${first} asked ${names || 'everyone addressed'} for ${what}${when}${reason}`;
}
