import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databasesUnderTest } from '../../test/databases';
import { createTestApp, type TestApp } from '../../test/harness';
import { defineJob } from './job';
import { scheduleMaintenance } from './maintenance.job';
import { claimNext, enqueue } from './queue';
import { allJobs } from './registry';
import { createJobRunner } from './runner';

describe.each(databasesUnderTest())('job queue on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(() => t.close());

  const statusOf = async (id: string) =>
    t.ctx.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'last_error', 'run_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('runs a job with its typed payload and marks it done', async () => {
    const seen: string[] = [];
    const greet = defineJob({
      name: 'test.greet',
      payload: z.object({ who: z.string() }),
      maxAttempts: 3,
      handler: async ({ who }) => {
        seen.push(who);
      },
    });
    const id = await enqueue(t.ctx.db, greet, { who: 'Ana' }, t.ctx.now());
    const runner = createJobRunner(t.ctx, [greet]);
    expect(await runner.drain()).toBe(1);
    expect(seen).toEqual(['Ana']);
    expect((await statusOf(id ?? '')).status).toBe('done');
  });

  it('refuses a payload that does not match the schema when enqueueing', async () => {
    const typed = defineJob({
      name: 'test.typed',
      payload: z.object({ n: z.number() }),
      maxAttempts: 1,
      handler: async () => {},
    });
    await expect(
      enqueue(t.ctx.db, typed, { n: 'one' } as unknown as { n: number }, t.ctx.now()),
    ).rejects.toThrow();
  });

  it('retries a failing job with growing backoff, then gives up', async () => {
    let calls = 0;
    const flaky = defineJob({
      name: 'test.flaky',
      payload: z.object({}),
      maxAttempts: 2,
      handler: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    });
    const id = (await enqueue(t.ctx.db, flaky, {}, t.ctx.now())) ?? '';
    const runner = createJobRunner(t.ctx, [flaky]);
    expect(await runner.drain()).toBe(1);
    const first = await statusOf(id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom 1' });
    expect(first.run_at).toBeGreaterThan(t.ctx.now());
    expect(await runner.drain()).toBe(0); // not due yet
    t.travel(3000);
    expect(await runner.drain()).toBe(1);
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 2, last_error: 'boom 2' });
  });

  it('runs again a job whose worker died mid-way, once its lease runs out', async () => {
    const job = defineJob({
      name: 'test.crash',
      payload: z.object({}),
      maxAttempts: 3,
      handler: async () => {},
    });
    const id = (await enqueue(t.ctx.db, job, {}, t.ctx.now())) ?? '';
    // A worker claims it, then "crashes": nothing marks the job done.
    expect(await claimNext(t.ctx.db, t.ctx.database.dialect, 'dead-worker', t.ctx.now())).not.toBeNull();
    const runner = createJobRunner(t.ctx, [job]);
    expect(await runner.drain()).toBe(0);
    t.travel(6 * 60 * 1000);
    expect(await runner.drain()).toBe(1);
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('gives each job to exactly one of several concurrent claimers', async () => {
    const job = defineJob({
      name: 'test.once',
      payload: z.object({ i: z.number() }),
      maxAttempts: 1,
      handler: async () => {},
    });
    for (let i = 0; i < 20; i++) await enqueue(t.ctx.db, job, { i }, t.ctx.now());
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, w) => claimNext(t.ctx.db, t.ctx.database.dialect, `w${w}`, t.ctx.now())),
    );
    const ids = claims.filter((c) => c !== null).map((c) => c?.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Whatever lost a race is still there for the next claim: all 20 are eventually claimed once.
    let more = await claimNext(t.ctx.db, t.ctx.database.dialect, 'late', t.ctx.now());
    while (more) {
      ids.push(more.id);
      more = await claimNext(t.ctx.db, t.ctx.database.dialect, 'late', t.ctx.now());
    }
    expect(new Set(ids).size).toBe(20);
    expect(ids).toHaveLength(20);
  });

  it('keeps one maintenance run per hour however often it is scheduled, and prunes expired sessions', async () => {
    await t.ctx.db
      .insertInto('users')
      .values({
        id: 'u1',
        email: 'u@example.com',
        name: 'U',
        password_hash: 'x',
        role: 'member',
        time_zone: 'UTC',
        avatar_key: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    await t.ctx.db
      .insertInto('sessions')
      .values({
        id: 'old',
        user_id: 'u1',
        csrf_token: 'c',
        created_at: 0,
        last_seen_at: 0,
        expires_at: 1,
        user_agent: null,
      })
      .execute();
    await scheduleMaintenance(t.ctx);
    await scheduleMaintenance(t.ctx);
    const queued = await t.ctx.db.selectFrom('jobs').select('id').where('status', '=', 'queued').execute();
    expect(queued).toHaveLength(1);
    const runner = createJobRunner(t.ctx, allJobs);
    expect(await runner.drain()).toBe(1);
    expect(await t.ctx.db.selectFrom('sessions').select('id').execute()).toEqual([]);
    const next = await t.ctx.db.selectFrom('jobs').select('run_at').where('status', '=', 'queued').execute();
    expect(next).toHaveLength(1);
    expect(next[0]?.run_at).toBeGreaterThan(t.ctx.now());
  });
});
