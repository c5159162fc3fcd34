import { z } from 'zod';
import { defineJob } from '../../jobs/job';
import { sendThreadSoFar } from '../delivery/deliver-to-outsider';

/** Emails an outsider added to a thread under way the thread so far (retried if the mail fails). */
export const outsiderAddedJob = defineJob({
  name: 'outsiders.added',
  payload: z.object({ userId: z.string(), threadId: z.string(), addedBy: z.string(), key: z.string() }),
  maxAttempts: 6,
  async handler(payload, ctx) {
    await sendThreadSoFar(ctx, payload);
  },
});
