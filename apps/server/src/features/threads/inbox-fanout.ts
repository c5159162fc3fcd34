import type { Kysely } from 'kysely';
import type { Database, ExpectationKind } from '../../db/schema';
import { type InboxWrite, inboxItemsRepository, type OpenAsk } from './inbox-items.repository';
import { threadsRepository } from './threads.repository';

const STRENGTH: Record<ExpectationKind, number> = {
  urgent: 4,
  decision_by: 3,
  reply_by: 2,
  reply: 1,
  fyi: 0,
};

/** What is still asked of one person in a thread: the strongest open ask and the earliest due. */
function summarize(userId: string, asks: OpenAsk[]): InboxWrite {
  const mine = asks.filter((a) => a.user_id === userId && a.expectation !== 'fyi');
  if (mine.length === 0) return { user_id: userId, needs_reply: 0, expectation: null, due_at: null };
  const strongest = mine.reduce((a, b) => (STRENGTH[b.expectation] > STRENGTH[a.expectation] ? b : a));
  const dues = mine.map((a) => a.due_at).filter((d): d is number => d !== null);
  return {
    user_id: userId,
    needs_reply: 1,
    expectation: strongest.expectation,
    due_at: dues.length > 0 ? Math.min(...dues) : null,
  };
}

/**
 * Recomputes needs_reply / expectation / due_at of these people's existing inbox rows from their
 * open asks (after an answer, or after a post with asks was deleted). Returns whose row changed.
 */
export async function recomputeAsks(
  db: Kysely<Database>,
  threadId: string,
  userIds: string[],
): Promise<string[]> {
  const people = [...new Set(userIds)];
  const repo = inboxItemsRepository(db);
  const asks = await repo.openAsks(threadId, people);
  const changed: string[] = [];
  for (const userId of people) {
    if (await repo.updateAsks(threadId, summarize(userId, asks))) changed.push(userId);
  }
  return changed;
}

export interface PostActivity {
  threadId: string;
  postId: string;
  authorId: string;
  at: number;
  /** People this post asks to answer. */
  askedUserIds: string[];
  /** People mentioned in this post (already checked to see the thread). */
  mentionedUserIds: string[];
  /** People who may not be able to see the thread (followers); checked before they get a row. */
  canSee: (userId: string) => Promise<boolean>;
}

/**
 * The inbox fan-out of one new post, inside the post's transaction. Participants are the author,
 * everyone addressed, followers and the mentioned; muted people are skipped unless this post asks
 * something of them. Each gets the latest activity and a fresh summary of what is asked of them;
 * the author's own row only moves in time (their post neither un-dones nor marks it unread).
 * Returns the people whose inbox changed.
 */
export async function fanOutPost(db: Kysely<Database>, post: PostActivity): Promise<string[]> {
  const threads = threadsRepository(db);
  const [audience, subscriptions] = await Promise.all([
    threads.audience(post.threadId),
    threads.subscriptions(post.threadId),
  ]);
  const muted = new Set(subscriptions.filter((s) => s.mode === 'mute').map((s) => s.user_id));
  const asked = new Set(post.askedUserIds);
  const participants = new Set([...audience, ...post.mentionedUserIds, ...post.askedUserIds]);
  for (const s of subscriptions) {
    if (s.mode === 'follow' && !participants.has(s.user_id) && (await post.canSee(s.user_id))) {
      participants.add(s.user_id);
    }
  }
  participants.delete(post.authorId);
  const others = [...participants].filter((id) => !muted.has(id) || asked.has(id));

  const repo = inboxItemsRepository(db);
  const asks = await repo.openAsks(post.threadId, [...others, post.authorId]);
  const activity = { at: post.at, postId: post.postId };
  await repo.upsertActivity(
    post.threadId,
    [...others.map((id) => summarize(id, asks)), { ...summarize(post.authorId, asks), quiet: true }],
    { ...activity, quiet: false },
  );
  return [...others, post.authorId];
}

/** New people brought into a post after the fact (a mention added by an edit). */
export async function notifyPeople(
  db: Kysely<Database>,
  threadId: string,
  postId: string,
  at: number,
  userIds: string[],
): Promise<string[]> {
  const repo = inboxItemsRepository(db);
  const asks = await repo.openAsks(threadId, userIds);
  await repo.upsertActivity(
    threadId,
    userIds.map((id) => summarize(id, asks)),
    { at, postId, quiet: false },
  );
  return userIds;
}
