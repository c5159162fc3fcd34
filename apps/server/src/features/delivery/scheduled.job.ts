import { z } from 'zod';
import { defineJob } from '../../jobs/job';
import { scheduledService } from './scheduled.service';

/** Publishes a scheduled post at its time; a job booked for a time since changed does nothing. */
export const publishScheduledJob = defineJob({
  name: 'delivery.publish-scheduled',
  payload: z.object({ id: z.string(), sendAt: z.number().int() }),
  maxAttempts: 5,
  handler: ({ id, sendAt }, ctx) => scheduledService(ctx).publish(id, sendAt),
});
