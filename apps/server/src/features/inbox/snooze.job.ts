import { z } from 'zod';
import type { AppContext } from '../../context';
import { defineJob } from '../../jobs/job';
import { enqueue } from '../../jobs/queue';
import { inboxRepository } from './inbox.repository';

/**
 * When a snooze runs out the item is back in the inbox by itself (the queries compare
 * snoozed_until with now); this job only tells open inboxes, so they refresh without a reload.
 * It stays quiet when the snooze was changed or lifted meanwhile.
 */
export const snoozeEndedJob = defineJob({
  name: 'inbox.snooze-ended',
  payload: z.object({ userId: z.string(), threadId: z.string(), until: z.number().int() }),
  maxAttempts: 3,
  async handler({ userId, threadId, until }, ctx) {
    const item = await inboxRepository(ctx.db).find(userId, threadId);
    if (!item || item.snoozed_until !== until) return;
    await ctx.live.publish([userId], { type: 'inbox.changed', threadId });
  },
});

export async function scheduleSnoozeEnd(
  ctx: AppContext,
  userId: string,
  threadId: string,
  until: number,
): Promise<void> {
  await enqueue(ctx.db, snoozeEndedJob, { userId, threadId, until }, ctx.now(), {
    runAt: until,
    dedupeKey: `${snoozeEndedJob.name}:${userId}:${threadId}:${until}`,
  });
}
