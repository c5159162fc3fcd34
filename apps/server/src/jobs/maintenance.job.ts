import { z } from 'zod';
import type { AppContext } from '../context';
import { rateLimiter } from '../features/accounts/rate-limiter';
import { sessionsRepository } from '../features/accounts/sessions.repository';
import { sweepAbandonedUploads } from '../features/media/sweep-abandoned';
import { defineJob } from './job';
import { deleteFinishedBefore, enqueue } from './queue';

const HOUR_MS = 3600 * 1000;
/** How long live events stay available for Last-Event-ID resume. */
export const LIVE_EVENTS_KEPT_MS = 7 * 24 * HOUR_MS;

/**
 * Hourly housekeeping: expired sessions, old rate-limit windows, finished jobs and live events
 * older than a week, uploads abandoned for a week. Each run books the next hour's run; the hour is in the dedupe key, so
 * however many workers start, one run per hour is queued.
 */
export const maintenanceJob = defineJob({
  name: 'maintenance.prune',
  payload: z.object({}),
  maxAttempts: 3,
  async handler(_payload, ctx) {
    const now = ctx.now();
    const sessions = await sessionsRepository(ctx.db).deleteExpired(now);
    // Pruned by the longest window in use (inbound mail's hour), which keeps the shorter current ones.
    await rateLimiter(ctx.db, HOUR_MS).pruneBefore(now);
    await deleteFinishedBefore(ctx.db, now - 7 * 24 * HOUR_MS);
    // A browser away longer than this reloads everything anyway; resume needs only recent events.
    const liveEvents = await ctx.live.pruneBefore(now - LIVE_EVENTS_KEPT_MS);
    const abandonedUploads = await sweepAbandonedUploads(ctx);
    ctx.log.info({ expiredSessions: sessions, liveEvents, abandonedUploads }, 'maintenance done');
    await scheduleMaintenance(ctx, Math.floor(now / HOUR_MS) + 1);
  },
});

/** Queues the maintenance run of an hour slot (default: now), unless one is already pending. */
export async function scheduleMaintenance(ctx: AppContext, hourSlot?: number): Promise<void> {
  const now = ctx.now();
  const slot = hourSlot ?? Math.floor(now / HOUR_MS);
  await enqueue(ctx.db, maintenanceJob, {}, now, {
    runAt: Math.max(now, slot * HOUR_MS),
    dedupeKey: `${maintenanceJob.name}:${slot}`,
  });
}
