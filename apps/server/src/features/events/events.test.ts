import type { LiveEvent } from '@tidings/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';
import { listen, openSse, type SseConnection } from '../../../test/sse-client';
import { scheduleMaintenance } from '../../jobs/maintenance.job';
import { allJobs } from '../../jobs/registry';
import { createJobRunner } from '../../jobs/runner';
import { newId } from '../../lib/ids';
import { MAX_STREAMS_PER_USER } from './events.service';

describe.each(databasesUnderTest())('live events over SSE on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let ana: Session;
  let ben: Session;
  const streams: SseConnection[] = [];

  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    base = await listen(t.app);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await t.close();
  });

  const open = async (session: Session | null, headers: Record<string, string> = {}, query = '') => {
    const s = await openSse(
      `${base}/api/events${query}`,
      session ? { cookie: session.cookie, ...headers } : headers,
    );
    streams.push(s);
    return s;
  };
  /** The id the server told a fresh stream to start from (its first `id:` line). */
  const startId = async (s: SseConnection) => {
    await s.waitFor((c) => c.messages.some((m) => m.id !== undefined));
    return Number(s.messages.find((m) => m.id !== undefined)?.id);
  };
  /** A thread Ana wrote to `to` (inserted directly: this file tests delivery, not threads). */
  const thread = async (to: Session[]) => {
    const id = newId();
    await t.ctx.db
      .insertInto('threads')
      .values({
        id,
        subject: 'S',
        created_by: ana.user.id,
        created_at: 1,
        last_post_at: 1,
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
    if (to.length > 0)
      await t.ctx.db
        .insertInto('thread_people')
        .values(to.map((s) => ({ thread_id: id, user_id: s.user.id })))
        .execute();
    return id;
  };
  const created = (threadId: string): LiveEvent => ({ type: 'post.created', threadId, postId: newId() });

  it('streams with SSE headers and delivers an event for Ben to Ben only', async () => {
    const benStream = await open(ben);
    const anaStream = await open(ana);
    expect(benStream.status).toBe(200);
    expect(benStream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(benStream.headers['cache-control']).toBe('no-cache');
    expect(benStream.headers['x-accel-buffering']).toBe('no');
    await startId(benStream);
    await startId(anaStream);
    expect(benStream.messages[0]?.retry).toBe('3000');

    const forBen = created(await thread([ben]));
    await t.ctx.live.publish([ben.user.id], forBen);
    const forAna = created(await thread([]));
    await t.ctx.live.publish([ana.user.id], forAna);

    await benStream.waitFor((c) => c.events().length === 1);
    await anaStream.waitFor((c) => c.events().length === 1);
    expect(benStream.events()[0]).toMatchObject({ type: 'post.created', data: forBen });
    // Ana's only event is her own, published after Ben's: Ben's never reached her stream.
    expect(anaStream.events().map((e) => e.data)).toEqual([forAna]);
  });

  it('answers 401 JSON when signed out or with a bad token, and accepts an API token', async () => {
    const anonymous = await open(null);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text ?? '')).toMatchObject({ error: { code: 'unauthenticated' } });
    const badToken = await open(null, { authorization: 'Bearer tid_nope' });
    expect(badToken.status).toBe(401);

    const token = await request(t.app, { method: 'POST', url: '/api/tokens', payload: { name: 'sse' } }, ben);
    const withToken = await open(null, { authorization: `Bearer ${token.json().secret}` });
    expect(withToken.status).toBe(200);
    await startId(withToken);
    const event = created(await thread([ben]));
    await t.ctx.live.publish([ben.user.id], event);
    await withToken.waitFor((c) => c.events().length === 1);
  });

  it('resumes from Last-Event-ID with every missed event exactly once, in order, then live ones', async () => {
    const first = await open(ben);
    const from = await startId(first);
    first.close();
    await first.waitFor((c) => c.ended());

    const threadId = await thread([ben]);
    const missed = [created(threadId), created(threadId), created(threadId)];
    for (const e of missed) await t.ctx.live.publish([ben.user.id, ana.user.id], e);

    const again = await open(ben, { 'last-event-id': String(from) });
    await again.waitFor((c) => c.events().length === 3);
    const live = created(threadId);
    await t.ctx.live.publish([ben.user.id], live);
    await again.waitFor((c) => c.events().length === 4);
    const got = again.events();
    expect(got.map((e) => e.data)).toEqual([...missed, live]);
    const ids = got.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(4);

    // The query parameter works the same for polyfills; the last id resumes after it.
    const polyfill = await open(ben, {}, `?lastEventId=${got[1]?.id}`);
    await polyfill.waitFor((c) => c.events().length === 2);
    expect(polyfill.events().map((e) => e.data)).toEqual([missed[2], live]);
  });

  it('has no gap and no duplicate when events are published while a stream resumes', async () => {
    const threadId = await thread([ben]);
    const first = await open(ben);
    const from = await startId(first);
    first.close();
    const events = Array.from({ length: 40 }, () => created(threadId));
    const publishing = (async () => {
      for (const e of events) await t.ctx.live.publish([ben.user.id], e);
    })();
    const resumed = await open(ben, { 'last-event-id': String(from) });
    await publishing;
    await resumed.waitFor((c) => c.events().length >= events.length);
    expect(resumed.events().map((e) => e.data)).toEqual(events);
  });

  it('leaves out backlog events for threads Ben can no longer see', async () => {
    const first = await open(ben);
    const from = await startId(first);
    first.close();
    const visible = created(await thread([ben]));
    const hidden = created(await thread([]));
    await t.ctx.live.publish([ben.user.id], visible);
    await t.ctx.live.publish([ben.user.id], hidden);
    const again = await open(ben, { 'last-event-id': String(from) });
    await again.waitFor(
      (c) => c.events().length === 1 && c.messages.filter((m) => m.id !== undefined).length === 2,
    );
    expect(again.events().map((e) => e.data)).toEqual([visible]);
    // The skipped event still moves Ben's position, so the next resume does not read it again.
    const marks = again.messages.filter((m) => m.id !== undefined).map((m) => Number(m.id));
    expect(marks[1]).toBeGreaterThan(marks[0] ?? Number.POSITIVE_INFINITY);
  });

  it(`limits ${MAX_STREAMS_PER_USER} open streams per person and frees a slot when one closes`, async () => {
    const opened: SseConnection[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) opened.push(await open(ben));
    const refused = await open(ben);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text ?? '')).toMatchObject({ error: { code: 'too_many_streams' } });
    expect((await open(ana)).status).toBe(200);

    opened[0]?.close();
    let retried: SseConnection | null = null;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      retried = await open(ben);
      if (retried.status === 200) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(retried?.status).toBe(200);
  });

  it('prunes events older than a week in the maintenance job', async () => {
    const threadId = await thread([ben]);
    await t.ctx.live.publish([ben.user.id], created(threadId));
    t.travel(8 * 24 * 3600 * 1000);
    const recent = created(threadId);
    await t.ctx.live.publish([ben.user.id], recent);
    await scheduleMaintenance(t.ctx);
    expect(await createJobRunner(t.ctx, allJobs).drain()).toBe(1);
    const left = await t.ctx.db.selectFrom('live_events').select('payload').execute();
    expect(left.map((r) => JSON.parse(r.payload))).toEqual([recent]);
  });

  it('ends open streams when the server closes, without waiting for them', async () => {
    const s = await open(ben);
    await startId(s);
    // afterEach closes the app: it must not hang on this stream, and the client sees the end.
    const closing = t.app.close();
    await s.waitFor((c) => c.ended());
    await closing;
  });
});
