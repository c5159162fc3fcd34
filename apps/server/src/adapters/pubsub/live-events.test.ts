import type { LiveEvent } from '@tidings/contracts';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { createTestApp, type TestApp } from '../../../test/harness';
import { waitUntil } from '../../../test/sse-client';
import { newId } from '../../lib/ids';
import { createLiveEvents } from './create-live-events';
import type { AddressedEvent, LiveEvents } from './live-events';

describe.each(databasesUnderTest())('live events adapter on %s', (kind) => {
  let t: TestApp;
  const others: LiveEvents[] = [];
  const users = ['u-ana', 'u-ben'];

  beforeEach(async () => {
    t = await createTestApp(kind);
    await t.ctx.db
      .insertInto('users')
      .values(
        users.map((id) => ({
          id,
          email: `${id}@example.com`,
          name: id,
          password_hash: 'x',
          role: 'member' as const,
          time_zone: 'UTC',
          avatar_key: null,
          created_at: 0,
          updated_at: 0,
        })),
      )
      .execute();
  });
  afterEach(async () => {
    for (const live of others.splice(0)) await live.close();
    await t.close();
  });

  /** Another process's adapter on the same database (same code path as createContext). */
  const anotherProcess = () => {
    const live = createLiveEvents(t.ctx.database, {
      url: t.ctx.config.databaseUrl,
      log: t.ctx.log,
      now: t.ctx.now,
    });
    others.push(live);
    return live;
  };
  const event = (): LiveEvent => ({ type: 'inbox.changed', threadId: newId() });
  const collect = async (live: LiveEvents, userId: string) => {
    const got: AddressedEvent[] = [];
    await live.subscribe(userId, (e) => got.push(e));
    return got;
  };

  it('stores one row per distinct recipient, reads them back per person in order, and delivers live', async () => {
    const got = await collect(t.ctx.live, 'u-ben');
    const first = event();
    const second = event();
    await t.ctx.live.publish(['u-ben', 'u-ana', 'u-ben'], first);
    await t.ctx.live.publish(['u-ben'], second);
    await t.ctx.live.publish([], event());
    await waitUntil(() => got.length === 2, 5000, 'two live events');
    expect(got.map((e) => e.event)).toEqual([first, second]);
    expect(await t.ctx.db.selectFrom('live_events').select('id').execute()).toHaveLength(3);
    const backlog = await t.ctx.live.since('u-ben', 0);
    expect(backlog).toEqual(got);
    expect(await t.ctx.live.since('u-ben', got[0]?.id ?? 0)).toEqual([got[1]]);
    expect(await t.ctx.live.latestId('u-ben')).toBe(got[1]?.id);
    expect((await t.ctx.live.since('u-ana', 0)).map((e) => e.event)).toEqual([first]);
  });

  it('logs rather than throws when an event cannot be stored', async () => {
    // No such user: the foreign key refuses the row; the use case that published must not fail.
    await expect(t.ctx.live.publish(['u-nobody'], event())).resolves.toBeUndefined();
  });

  if (kind === 'postgres') {
    it('delivers events published by another process, through NOTIFY', async () => {
      const got = await collect(anotherProcess(), 'u-ben');
      const sent = [event(), event(), event()];
      for (const e of sent) await t.ctx.live.publish(['u-ben'], e);
      await waitUntil(() => got.length === 3, 5000, 'events from the other process');
      expect(got.map((e) => e.event)).toEqual(sent);
    });

    it('reconnects when the LISTEN connection drops and catches up on what it missed', async () => {
      const listener = anotherProcess();
      const got = await collect(listener, 'u-ben');
      const listening = async () =>
        (
          await sql<{ pid: number }>`select pid from pg_stat_activity
            where application_name = 'tidings-live' and datname = current_database()`.execute(t.ctx.db)
        ).rows.map((r) => r.pid);
      const [before] = await listening();
      expect(before).toBeDefined();
      await sql`select pg_terminate_backend(${before})`.execute(t.ctx.db);
      // Published while the listener is down (it waits 250 ms before reconnecting).
      const sent = [event(), event(), event()];
      for (const e of sent) await t.ctx.live.publish(['u-ben'], e);
      await waitUntil(() => got.length >= 3, 10_000, 'catch-up after reconnect');
      expect(got.map((e) => e.event)).toEqual(sent);
      const after = await listening();
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);

      await listener.close();
      await waitUntil(async () => (await listening()).length === 0, 5000, 'the LISTEN connection to close');
    });
  }
});
