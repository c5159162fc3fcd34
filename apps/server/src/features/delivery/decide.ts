import type { Channels, DeliveryChannel, DeliveryPreferences, DeliveryReason } from '@tidings/contracts';
import type { ExpectationKind } from '../../db/schema';
import { compileSchedule, nextAllowed, nextDigest, reminderAt, type Schedule, urgentAt } from './schedule';

/** What the engine needs to know about one new post. */
export interface PostToDeliver {
  postId: string;
  threadId: string;
  authorId: string;
  expectation: ExpectationKind;
  dueAt: number | null;
  interruptOutsideHours: boolean;
  remindIfNoAnswerBy: number | null;
  /** Everyone whose inbox got the post, author excluded. */
  recipients: string[];
  asked: Set<string>;
  mentioned: Set<string>;
}

export interface Decision {
  userId: string;
  reason: DeliveryReason;
  channel: DeliveryChannel;
  deliverAt: number;
}

/**
 * Compiles each distinct preference set once: a broadcast to 10 000 people mostly repeats a
 * few dozen (zone × hours) combinations, and their answers for one instant are the same.
 */
export function scheduleCache() {
  // Keyed by object: the repository hands out one object per distinct stored preference set.
  const byPrefs = new WeakMap<
    DeliveryPreferences,
    { schedule: Schedule; memo: Map<string, number | null> }
  >();
  return (prefs: DeliveryPreferences) => {
    let entry = byPrefs.get(prefs);
    if (!entry) {
      entry = { schedule: compileSchedule(prefs), memo: new Map() };
      byPrefs.set(prefs, entry);
    }
    const { schedule, memo } = entry;
    return {
      schedule,
      /** Memoized per preference set: the same question gets the same answer. */
      ask(question: string, answer: (s: Schedule) => number | null): number | null {
        if (!memo.has(question)) memo.set(question, answer(schedule));
        return memo.get(question) ?? null;
      },
    };
  };
}

function channelsFor(choice: Channels[keyof Channels]): DeliveryChannel[] {
  const out: DeliveryChannel[] = [];
  if (choice.inApp) out.push('in_app');
  if (choice.email) out.push('email');
  return out;
}

/**
 * The rules of issue 6, per recipient of one post:
 * - urgent asked of them → now inside their hours (anywhere if the sender confirmed), else the
 *   start of their next working range; time off lets through only the people they chose;
 * - reply_by / decision_by asked of them → the next digest and a reminder inside working hours
 *   before the due time;
 * - mentioned → a mention notice at their next working moment;
 * - everything else (reply, fyi, followed threads) → the next digest only.
 * And for the sender: an overdue note at the due time and, when asked for, a "nobody answered"
 * reminder — both inside the sender's own working hours, checked again before they go out.
 */
export function decide(
  post: PostToDeliver,
  prefsOf: (userId: string) => DeliveryPreferences | undefined,
  now: number,
  cache = scheduleCache(),
): Decision[] {
  const out: Decision[] = [];
  const add = (userId: string, reason: DeliveryReason, channels: DeliveryChannel[], at: number | null) => {
    if (at === null) return;
    for (const channel of channels) out.push({ userId, reason, channel, deliverAt: at });
  };
  const dated = post.expectation === 'reply_by' || post.expectation === 'decision_by';

  for (const userId of post.recipients) {
    const prefs = prefsOf(userId);
    if (!prefs) continue;
    const s = cache(prefs);
    const asked = post.asked.has(userId);
    if (asked && post.expectation === 'urgent') {
      const at = s.ask(`urgent:${now}:${post.interruptOutsideHours}:${post.authorId}`, (x) =>
        urgentAt(x, now, { confirmed: post.interruptOutsideHours, senderId: post.authorId }),
      );
      add(userId, 'urgent', channelsFor(prefs.channels.urgent), at);
      continue;
    }
    if (prefs.channels.digest.email)
      add(
        userId,
        'digest',
        ['digest'],
        s.ask(`digest:${now}`, (x) => nextDigest(x, now)),
      );
    if (asked && dated && post.dueAt !== null) {
      const due = post.dueAt;
      add(
        userId,
        'reminder',
        channelsFor(prefs.channels.reminder),
        s.ask(`remind:${now}:${due}`, (x) => reminderAt(x, now, due)),
      );
    }
    if (post.mentioned.has(userId)) {
      add(
        userId,
        'mention',
        channelsFor(prefs.channels.mention),
        s.ask(`next:${now}`, (x) => nextAllowed(x, now)),
      );
    }
  }

  const sender = prefsOf(post.authorId);
  if (sender) {
    const s = cache(sender);
    const channels = channelsFor(sender.channels.reminder);
    if (dated && post.dueAt !== null && post.asked.size > 0) {
      const due = post.dueAt;
      add(
        post.authorId,
        'overdue',
        channels,
        s.ask(`next:${due}`, (x) => nextAllowed(x, due)),
      );
    }
    if (post.remindIfNoAnswerBy !== null && post.asked.size > 0) {
      const by = post.remindIfNoAnswerBy;
      add(
        post.authorId,
        'no_answer',
        channels,
        s.ask(`next:${by}`, (x) => nextAllowed(x, by)),
      );
    }
  }
  return out;
}
