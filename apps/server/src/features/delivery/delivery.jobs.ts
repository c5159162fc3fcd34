import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { defineJob } from '../../jobs/job';
import { enqueue } from '../../jobs/queue';
import { sendDigest, sendNotification } from './deliver';
import { deliveryRepository } from './delivery.repository';

/** Five retries: 2 s, 4 s, 8 s, 16 s, 32 s after the first failure (see jobs/job.ts). */
const SEND_ATTEMPTS = 6;
const SWEEP_BATCH = 500;

/** Sends one in-app or email notification; retried with backoff when the mail server fails. */
export const sendNotificationJob = defineJob({
  name: 'delivery.send',
  payload: z.object({ notificationId: z.string() }),
  maxAttempts: SEND_ATTEMPTS,
  handler: ({ notificationId }, ctx) => sendNotification(ctx, notificationId),
});

/** Sends one person's due digest (nothing when every item was read in the app meanwhile). */
export const sendDigestJob = defineJob({
  name: 'delivery.digest',
  payload: z.object({ userId: z.string() }),
  maxAttempts: SEND_ATTEMPTS,
  async handler({ userId }, ctx) {
    await sendDigest(ctx, userId);
  },
});

/**
 * Runs at each instant some notification is due and hands every due row to a send or digest job.
 * Deciding enqueues one sweep per distinct instant (a post to 10 000 people in 20 zones books a
 * few dozen, not 10 000 jobs); each batch enqueues and marks its rows queued in one transaction.
 */
export const deliverySweepJob = defineJob({
  name: 'delivery.sweep',
  payload: z.object({ at: z.number().int() }),
  maxAttempts: 5,
  async handler(_payload, ctx) {
    for (;;) {
      const now = ctx.now();
      const due = await deliveryRepository(ctx.db).duePending(now, SWEEP_BATCH);
      if (due.length === 0) return;
      await ctx.db.transaction().execute(async (trx) => {
        for (const n of due) {
          if (n.channel === 'digest') {
            await enqueue(trx, sendDigestJob, { userId: n.user_id }, now, {
              dedupeKey: `${sendDigestJob.name}:${n.user_id}`,
            });
          } else {
            await enqueue(trx, sendNotificationJob, { notificationId: n.id }, now, {
              dedupeKey: `${sendNotificationJob.name}:${n.id}`,
            });
          }
        }
        await deliveryRepository(trx).markQueued(due.map((n) => n.id));
      });
    }
  },
});

/** Books the sweeps for these instants (once each, however many posts need them). */
export async function bookSweeps(
  db: Kysely<Database>,
  instants: Iterable<number>,
  now: number,
): Promise<void> {
  for (const at of new Set(instants)) {
    await enqueue(db, deliverySweepJob, { at }, now, {
      runAt: at,
      dedupeKey: `${deliverySweepJob.name}:${at}`,
    });
  }
}
