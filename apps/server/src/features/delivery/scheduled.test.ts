import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { threadsApi } from '../threads/threads.test-helpers';
import { notificationsOf, runJobs, travelTo } from './delivery.test-helpers';

const at = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h, m);

describe.each(databasesUnderTest())('scheduled send on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let bob: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    bob = await addMember(t.app, ana, { name: 'Bob Builder', email: 'bob@example.com' });
    api = threadsApi(t);
    travelTo(t, at(12, 20));
  });
  afterEach(() => t.close());

  const schedule = (payload: object) => api.call('POST', '/api/me/scheduled', ana, payload);
  const newThread = (body = 'Plan for the week') => ({
    subject: 'Monday plan',
    recipients: { userIds: [bob.user.id] },
    body,
    expectation: { kind: 'reply' },
  });
  const bobsInbox = () =>
    t.ctx.db.selectFrom('inbox_items').selectAll().where('user_id', '=', bob.user.id).execute();

  it('keeps a scheduled thread hidden until its time, then sends it as if written then', async () => {
    const res = await schedule({ sendAt: at(13, 9), thread: newThread() });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    await runJobs(t);
    expect(await bobsInbox()).toEqual([]);
    const list = await api.call('GET', '/api/me/scheduled', ana);
    expect(list.json().scheduled).toMatchObject([
      { id, status: 'scheduled', subject: 'Monday plan', kind: 'thread' },
    ]);
    expect((await api.call('GET', '/api/me/scheduled', bob)).json().scheduled).toEqual([]);

    travelTo(t, at(13, 9));
    await runJobs(t);
    const [row] = await bobsInbox();
    expect(row).toMatchObject({ last_activity_at: at(13, 9) });
    const sent = (await api.call('GET', '/api/me/scheduled', ana)).json().scheduled[0];
    expect(sent).toMatchObject({ status: 'sent' });
    expect(sent.postId).toBeTruthy();
    // Delivery decisions are taken at the send time: Bob's next digest after 09:00 is 14:00 (New York).
    expect((await notificationsOf(t, bob.user.id)).map((n) => n.reason)).toEqual(['digest']);
  });

  it('can be edited and moved, and only the new time sends it', async () => {
    const id = (await schedule({ sendAt: at(13, 9), thread: newThread() })).json().id;
    const moved = await api.call('PATCH', `/api/me/scheduled/${id}`, ana, {
      sendAt: at(14, 9),
      body: 'New plan',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    travelTo(t, at(13, 9, 30));
    await runJobs(t);
    expect(await bobsInbox()).toEqual([]);
    travelTo(t, at(14, 9));
    await runJobs(t);
    expect(await bobsInbox()).toHaveLength(1);
    const posts = await t.ctx.db.selectFrom('posts').select('body_md').execute();
    expect(posts).toEqual([{ body_md: 'New plan' }]);
  });

  it('can be cancelled until it goes out, and nobody else can touch it', async () => {
    const id = (await schedule({ sendAt: at(13, 9), thread: newThread() })).json().id;
    expect((await api.call('DELETE', `/api/me/scheduled/${id}`, bob)).statusCode).toBe(404);
    expect((await api.call('DELETE', `/api/me/scheduled/${id}`, ana)).json().status).toBe('cancelled');
    travelTo(t, at(13, 9));
    await runJobs(t);
    expect(await bobsInbox()).toEqual([]);
    expect((await api.call('PATCH', `/api/me/scheduled/${id}`, ana, { body: 'x' })).statusCode).toBe(400);
  });

  it('schedules replies, and refuses past times and threads one cannot see', async () => {
    const thread = await api.thread(ana, { recipients: { userIds: [bob.user.id] } });
    const reply = await api.call('POST', '/api/me/scheduled', bob, {
      sendAt: at(13, 10),
      reply: { threadId: thread.id, body: 'Looks good' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    travelTo(t, at(13, 10));
    await runJobs(t);
    expect((await api.get(ana, thread.id)).json().posts).toHaveLength(2);

    const past = await schedule({ sendAt: at(1, 1), thread: newThread() });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toHaveProperty('sendAt');
    const hidden = await schedule({ sendAt: at(20, 9), reply: { threadId: 'nope', body: 'x' } });
    expect(hidden.statusCode).toBe(404);
    const neither = await schedule({ sendAt: at(20, 9) });
    expect(neither.statusCode).toBe(400);
  });
});
