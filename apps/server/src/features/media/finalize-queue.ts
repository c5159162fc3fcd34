import type { AppContext } from '../../context';
import { newId } from '../../lib/ids';

/** Name of the job that turns a finished upload into a playable recording (processing/). */
export const FINALIZE_JOB = 'media.finalize';

/**
 * Queues the finalize job for a fully uploaded media; queueing twice while one is pending does
 * nothing. Written against the jobs table by name so uploads do not depend on the processing code.
 */
export async function enqueueFinalize(ctx: AppContext, mediaId: string): Promise<void> {
  const dedupeKey = `${FINALIZE_JOB}:${mediaId}`;
  const pending = await ctx.db
    .selectFrom('jobs')
    .select('id')
    .where('dedupe_key', '=', dedupeKey)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (pending) return;
  const now = ctx.now();
  await ctx.db
    .insertInto('jobs')
    .values({
      id: newId(),
      name: FINALIZE_JOB,
      payload: JSON.stringify({ mediaId }),
      status: 'queued',
      max_attempts: 5,
      run_at: now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      dedupe_key: dedupeKey,
      created_at: now,
      finished_at: null,
    })
    .execute();
}
