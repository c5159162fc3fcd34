import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { enqueue } from '../../jobs/queue';
import { snoozeEndedJob } from '../inbox/snooze.job';
import { deliveryRepository } from './delivery.repository';
import { compileSchedule, nextAllowed } from './schedule';

/**
 * "Deliver at the start of their working day": the post exists now, but for each recipient
 * outside their working hours the thread waits snoozed in their inbox until those hours begin
 * (their notifications already wait: the engine never notifies outside working hours). Runs in
 * the post's transaction, after the fan-out. Returns when each held person will see it.
 */
export async function holdUntilWorkingHours(
  db: Kysely<Database>,
  threadId: string,
  recipientIds: string[],
  now: number,
): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  if (recipientIds.length === 0) return held;
  const people = await deliveryRepository(db).preferencesOf(recipientIds);
  for (const [userId, person] of people) {
    const at = nextAllowed(compileSchedule(person.preferences), now);
    if (at === null || at <= now) continue;
    // Never shorten a snooze the person chose themselves.
    await db
      .updateTable('inbox_items')
      .set({ snoozed_until: at })
      .where('user_id', '=', userId)
      .where('thread_id', '=', threadId)
      .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<', at)]))
      .execute();
    await enqueue(db, snoozeEndedJob, { userId, threadId, until: at }, now, {
      runAt: at,
      dedupeKey: `${snoozeEndedJob.name}:${userId}:${threadId}:${at}`,
    });
    held.set(userId, at);
  }
  return held;
}
