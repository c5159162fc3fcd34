import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Dialect } from '../adapters/db/database';
import type { Database, JobRow } from '../db/schema';
import { newId } from '../lib/ids';
import type { JobDefinition } from './job';

/** How long a claimed job is ours before another worker may assume we crashed and retry it. */
export const LEASE_MS = 5 * 60 * 1000;

export interface EnqueueOptions {
  runAt?: number;
  /** When a queued or running job already has this key, enqueueing again does nothing. */
  dedupeKey?: string;
}

export async function enqueue<S extends z.ZodType>(
  db: Kysely<Database>,
  job: JobDefinition<S>,
  payload: z.input<S>,
  now: number,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const parsed = job.payload.parse(payload);
  if (options.dedupeKey) {
    const existing = await db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', '=', options.dedupeKey)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (existing) return null;
  }
  const id = newId();
  await db
    .insertInto('jobs')
    .values({
      id,
      name: job.name,
      payload: JSON.stringify(parsed),
      status: 'queued',
      max_attempts: job.maxAttempts,
      run_at: options.runAt ?? now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      dedupe_key: options.dedupeKey ?? null,
      created_at: now,
      finished_at: null,
    })
    .execute();
  return id;
}

/**
 * Takes the next due job — or one whose worker's lease ran out — and leases it to `workerId`.
 * PostgreSQL skips rows other workers hold; on SQLite the conditional update decides the race.
 */
export async function claimNext(
  db: Kysely<Database>,
  dialect: Dialect,
  workerId: string,
  now: number,
): Promise<JobRow | null> {
  const dueQuery = () =>
    db
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(1);

  const lease = { status: 'running' as const, locked_by: workerId, locked_until: now + LEASE_MS };
  if (dialect === 'postgres') {
    const row = await db
      .updateTable('jobs')
      .set((eb) => ({ ...lease, attempts: eb(eb.ref('attempts'), '+', 1) }))
      .where('id', '=', dueQuery().forUpdate().skipLocked())
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }
  const candidate = await dueQuery().executeTakeFirst();
  if (!candidate) return null;
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({ ...lease, attempts: eb(eb.ref('attempts'), '+', 1) }))
    .where('id', '=', candidate.id)
    // Still claimable: another worker has not taken it since we looked.
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function markDone(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(
  db: Kysely<Database>,
  job: JobRow,
  error: string,
  now: number,
  retryAt: number | null,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt === null
        ? { status: 'failed', last_error: error, finished_at: now, locked_by: null, locked_until: null }
        : { status: 'queued', last_error: error, run_at: retryAt, locked_by: null, locked_until: null },
    )
    .where('id', '=', job.id)
    .execute();
}

/** Finished jobs are kept a while for inspection, then removed. */
export async function deleteFinishedBefore(db: Kysely<Database>, before: number): Promise<void> {
  await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', before)
    .execute();
}
