import type { Insertable, Kysely } from 'kysely';
import type { Database, NotificationsTable } from '../../db/schema';
import { invalid } from '../../lib/errors';
import { newId } from '../../lib/ids';
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
  const people = await repo.preferencesOf([...post.recipients, post.authorId]);
  const decisions = decide(post, (id) => people.get(id)?.preferences, now);
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
