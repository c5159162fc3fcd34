import type { Insertable, Kysely } from 'kysely';
import type { Database, NotificationsTable } from '../../db/schema';
import { invalid } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { outsidersRepository } from '../outsiders/outsiders.repository';
import { decide, type PostToDeliver } from './decide';
import { bookSweeps } from './delivery.jobs';
import { deliveryRepository } from './delivery.repository';

/**
 * Called by the post use cases right after the inbox fan-out, inside the post's transaction:
 * decides when and how each recipient (and the sender) hears about the post, records each
 * decision as a notification row and books the jobs that will deliver them. Everything commits
 * with the post or not at all, so a crash can neither lose nor double a decision.
 */
export async function decideDeliveries(
  db: Kysely<Database>,
  post: PostToDeliver,
  now: number,
): Promise<void> {
  if (post.remindIfNoAnswerBy !== null && post.remindIfNoAnswerBy <= now) {
    throw invalid('The time to remind you has already passed.', {
      remindIfNoAnswerBy: 'Choose a time in the future',
    });
  }
  const repo = deliveryRepository(db);
  // Outsiders keep no preferences: every post reaches them by email at once (never a digest, never
  // in-app only), as a 'digest'-reason email row, which the sender words as a plain message.
  const outsiders = await outsidersRepository(db).externalAmong([...post.recipients, post.authorId]);
  const people = await repo.preferencesOf([...post.recipients, post.authorId]);
  const decisions = decide(
    { ...post, recipients: post.recipients.filter((id) => !outsiders.has(id)) },
    (id) => (outsiders.has(id) ? undefined : people.get(id)?.preferences),
    now,
  );
  for (const userId of post.recipients.filter((id) => outsiders.has(id))) {
    decisions.push({ userId, reason: 'digest', channel: 'email', deliverAt: now });
  }
  const rows = decisions.map(
    (d): Insertable<NotificationsTable> => ({
      id: newId(),
      user_id: d.userId,
      post_id: post.postId,
      thread_id: post.threadId,
      reason: d.reason,
      channel: d.channel,
      deliver_at: d.deliverAt,
      delivered_at: null,
      status: 'pending',
      error: null,
      attempts: 0,
      created_at: now,
    }),
  );
  await repo.insertNotifications(rows);
  await bookSweeps(
    db,
    rows.map((r) => r.deliver_at),
    now,
  );
}
