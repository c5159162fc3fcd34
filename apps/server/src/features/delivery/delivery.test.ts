import { simpleParser } from 'mailparser';
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
import { threadsApi } from '../threads/threads.test-helpers';
import { sendNotification } from './deliver';
import { basePrefs, mailTo, notificationsOf, putPrefs, runJobs, travelTo } from './delivery.test-helpers';

const BOB = 'bob@example.com';
const ANA = 'ana@example.com';
const at = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h, m); // January 2026: Lisbon is UTC+0

describe.each(databasesUnderTest())('delivery engine on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let bob: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    bob = await addMember(t.app, ana, { name: 'Bob Builder', email: BOB });
    api = threadsApi(t);
    expect((await putPrefs(t, bob, basePrefs('Europe/Lisbon'))).statusCode).toBe(200);
  });
  afterEach(() => t.close());

  it('holds a post sent at 22:00 until the 09:00 digest, and sends nothing before', async () => {
    travelTo(t, at(13, 22)); // Tuesday 22:00
    const thread = await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'reply' },
    });
    await runJobs(t);
    const [digest, ...others] = await notificationsOf(t, bob.user.id);
    expect(others).toEqual([]);
    expect(digest).toMatchObject({
      reason: 'digest',
      channel: 'digest',
      deliver_at: at(14, 9),
      status: 'pending',
    });
    travelTo(t, at(14, 8, 59));
    await runJobs(t);
    expect(mailTo(t, BOB)).toEqual([]);
    travelTo(t, at(14, 9));
    await runJobs(t);
    const mails = mailTo(t, BOB);
    expect(mails).toHaveLength(1);
    const parsed = await simpleParser(mails[0] ?? '');
    expect(parsed.text).toContain('Slides for Friday');
    expect(parsed.text).toContain('NEEDS YOUR REPLY');
    expect(parsed.html || '').toContain(`/threads/${thread.id}`);
    expect(mails[0]).toMatch(/^List-Unsubscribe:\s+<http/m);
    expect((await notificationsOf(t, bob.user.id))[0]).toMatchObject({
      status: 'delivered',
      delivered_at: at(14, 9),
    });
    // Nothing is delivered twice.
    travelTo(t, at(14, 14));
    await runJobs(t);
    expect(mailTo(t, BOB)).toHaveLength(1);
  });

  it('someone added to a thread under way hears of it in their next digest, and the author gets nothing extra', async () => {
    const cleo = await addMember(t.app, ana, { name: 'Cleo Later', email: 'cleo@example.com' });
    expect((await putPrefs(t, cleo, basePrefs('Europe/Lisbon'))).statusCode).toBe(200);
    travelTo(t, at(13, 15)); // Tuesday 15:00
    const thread = await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'reply' },
    });
    const anasBefore = (await notificationsOf(t, ana.user.id)).length;
    travelTo(t, at(13, 16));
    const added = await api.call('POST', `/api/threads/${thread.id}/recipients`, ana, {
      userIds: [cleo.user.id],
    });
    expect(added.statusCode, added.body).toBe(200);
    const [digest, ...others] = await notificationsOf(t, cleo.user.id);
    expect(others).toEqual([]);
    expect(digest).toMatchObject({ reason: 'digest', channel: 'digest', deliver_at: at(14, 9) });
    expect(await notificationsOf(t, ana.user.id)).toHaveLength(anasBefore);
    travelTo(t, at(14, 9));
    await runJobs(t);
    const mails = mailTo(t, 'cleo@example.com');
    expect(mails).toHaveLength(1);
    expect((await simpleParser(mails[0] ?? '')).html || '').toContain(`/threads/${thread.id}`);
  });

  it('leaves out of the digest what was read in the app, and sends no empty digest', async () => {
    travelTo(t, at(13, 22));
    const thread = await api.thread(ana, { recipients: { userIds: [bob.user.id] } });
    travelTo(t, at(14, 7));
    expect((await api.call('POST', `/api/threads/${thread.id}/read`, bob)).statusCode).toBeLessThan(300);
    travelTo(t, at(14, 9));
    await runJobs(t);
    expect(mailTo(t, BOB)).toEqual([]);
    expect((await notificationsOf(t, bob.user.id))[0]).toMatchObject({
      status: 'skipped',
      delivered_at: null,
    });
  });

  it('delivers a confirmed urgent at once, by email and in the app', async () => {
    travelTo(t, at(13, 22));
    await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'urgent', urgentReason: 'Server down', interruptOutsideHours: true },
    });
    await runJobs(t);
    const rows = await notificationsOf(t, bob.user.id);
    expect(rows.map((r) => [r.reason, r.channel, r.status, r.delivered_at])).toEqual(
      expect.arrayContaining([
        ['urgent', 'email', 'delivered', at(13, 22)],
        ['urgent', 'in_app', 'delivered', at(13, 22)],
      ]),
    );
    const mails = mailTo(t, BOB);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('Urgent');
  });

  it('holds an unconfirmed urgent at 22:00 until 09:00', async () => {
    travelTo(t, at(13, 22));
    await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'urgent', urgentReason: 'Server down' },
    });
    await runJobs(t);
    expect(mailTo(t, BOB)).toEqual([]);
    const rows = await notificationsOf(t, bob.user.id);
    expect(rows.every((r) => r.reason === 'urgent' && r.deliver_at === at(14, 9))).toBe(true);
    travelTo(t, at(14, 9));
    await runJobs(t);
    expect(mailTo(t, BOB)).toHaveLength(1);
  });

  it('reminds on Thursday morning of a reply_by Thursday 12:00, and tells the sender when it is overdue', async () => {
    travelTo(t, at(12, 10)); // Monday 10:00
    await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'reply_by', dueAt: at(15, 12) },
    });
    const rows = await notificationsOf(t, bob.user.id);
    expect(rows.map((r) => [r.reason, r.channel, r.deliver_at])).toEqual([
      ['digest', 'digest', at(12, 14)],
      ['reminder', 'email', at(15, 9)],
    ]);
    expect((await notificationsOf(t, ana.user.id)).map((r) => [r.reason, r.channel, r.deliver_at])).toEqual([
      ['overdue', 'email', at(15, 12)],
      ['overdue', 'in_app', at(15, 12)],
    ]);
    travelTo(t, at(15, 8, 59));
    await runJobs(t);
    expect(mailTo(t, BOB)).toHaveLength(1); // Monday's digest only
    travelTo(t, at(15, 9));
    await runJobs(t);
    expect(mailTo(t, BOB)).toHaveLength(2);
    expect(mailTo(t, BOB).some((m) => m.includes('A reminder'))).toBe(true);
    travelTo(t, at(15, 12));
    await runJobs(t);
    expect(mailTo(t, ANA)).toHaveLength(1);
  });

  it('skips the reminder and the overdue note once the ask is answered', async () => {
    travelTo(t, at(12, 10));
    const thread = await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'reply_by', dueAt: at(15, 12) },
    });
    travelTo(t, at(13, 10));
    await api.replied(bob, thread.id, { body: 'Done' });
    travelTo(t, at(15, 12));
    await runJobs(t);
    const reminder = (await notificationsOf(t, bob.user.id)).find((r) => r.reason === 'reminder');
    expect(reminder).toMatchObject({ status: 'skipped', error: 'already answered' });
    const overdue = (await notificationsOf(t, ana.user.id)).find((r) => r.reason === 'overdue');
    expect(overdue).toMatchObject({ status: 'skipped' });
  });

  it('reminds the sender when nobody answers by the time they chose, in their working hours', async () => {
    travelTo(t, at(12, 10));
    await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'reply' },
      remindIfNoAnswerBy: at(13, 20),
    });
    const [reminder] = await notificationsOf(t, ana.user.id);
    expect(reminder).toMatchObject({ reason: 'no_answer', channel: 'email', deliver_at: at(14, 9) });
    const past = await api.startThread(ana, {
      recipients: { userIds: [bob.user.id] },
      remindIfNoAnswerBy: at(1, 1),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toHaveProperty('remindIfNoAnswerBy');
  });

  it('keeps 09:00 local across the DST change in Lisbon', async () => {
    travelTo(t, Date.UTC(2026, 2, 27, 20)); // Friday 27 Mar, 20:00 in Lisbon (WET)
    await api.thread(ana, { recipients: { userIds: [bob.user.id] } });
    // Monday 30 Mar 09:00 WEST is 08:00 UTC.
    expect((await notificationsOf(t, bob.user.id))[0]?.deliver_at).toBe(Date.UTC(2026, 2, 30, 8));
  });

  it('lets only urgent posts from chosen people through time off, and holds the rest', async () => {
    const cat = await addMember(t.app, ana, { name: 'Cat', email: 'cat@example.com' });
    const away = {
      ...basePrefs('Europe/Lisbon'),
      timeOff: [{ from: '2026-01-12', to: '2026-01-16', urgentFrom: [ana.user.id] }],
    };
    expect((await putPrefs(t, bob, away)).statusCode).toBe(200);
    travelTo(t, at(13, 11));
    const urgent = { kind: 'urgent', urgentReason: 'Contract' };
    const fromAna = await api.thread(ana, { recipients: { userIds: [bob.user.id] }, expectation: urgent });
    const fromCat = await api.thread(cat, { recipients: { userIds: [bob.user.id] }, expectation: urgent });
    await runJobs(t);
    const rows = await notificationsOf(t, bob.user.id);
    const email = (threadId: string) => rows.find((r) => r.thread_id === threadId && r.channel === 'email');
    expect(email(fromAna.id)).toMatchObject({ status: 'delivered', deliver_at: at(13, 11) });
    expect(email(fromCat.id)).toMatchObject({ status: 'pending', deliver_at: at(19, 9) });
    expect(mailTo(t, BOB)).toHaveLength(1);
  });

  it('sends a mention notice at the next working moment, also for a mention added by an edit', async () => {
    const cat = await addMember(t.app, ana, { name: 'Cat', email: 'cat@example.com' });
    travelTo(t, at(13, 22));
    const thread = await api.thread(ana, {
      recipients: { userIds: [bob.user.id, cat.user.id] },
      body: `Look at this @[Bob Builder](mention:${bob.user.id})`,
    });
    const bobs = await notificationsOf(t, bob.user.id);
    expect(bobs.find((r) => r.reason === 'mention')).toMatchObject({
      channel: 'in_app',
      deliver_at: at(14, 9),
    });
    const postId = thread.posts[0].id;
    const edited = await api.call('PATCH', `/api/posts/${postId}`, ana, {
      body: `Look at this @[Bob Builder](mention:${bob.user.id}) and @[Cat](mention:${cat.user.id})`,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // Cat is in New York with the default hours: Wednesday 09:00 there is 14:00 UTC.
    const cats = await notificationsOf(t, cat.user.id);
    expect(cats.find((r) => r.reason === 'mention')).toMatchObject({
      channel: 'in_app',
      deliver_at: at(14, 14),
    });
  });

  it('keeps 09:00 local across the DST change in New York', async () => {
    expect((await putPrefs(t, bob, basePrefs('America/New_York'))).statusCode).toBe(200);
    travelTo(t, Date.UTC(2026, 2, 6, 23)); // Friday 6 Mar, 18:00 in New York (EST)
    await api.thread(ana, { recipients: { userIds: [bob.user.id] } });
    // Monday 9 Mar 09:00 EDT is 13:00 UTC (it was 14:00 UTC the week before).
    expect((await notificationsOf(t, bob.user.id))[0]?.deliver_at).toBe(Date.UTC(2026, 2, 9, 13));
  });

  it('sends one email when a send is repeated after a crash between sending and recording it', async () => {
    travelTo(t, at(13, 10));
    await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'urgent', urgentReason: 'Now' },
    });
    await runJobs(t);
    const email = (await notificationsOf(t, bob.user.id)).find((r) => r.channel === 'email');
    expect(email?.status).toBe('delivered');
    // As if the process died after the mail went out but before delivered_at was written.
    await t.ctx.db
      .updateTable('notifications')
      .set({ status: 'queued', delivered_at: null })
      .where('id', '=', email?.id ?? '')
      .execute();
    await sendNotification(t.ctx, email?.id ?? '');
    expect(mailTo(t, BOB)).toHaveLength(1);
  });

  it('keeps failed sends visible and retries them with backoff until the mail server takes them', async () => {
    const real = t.ctx.mail;
    let refusals = 2;
    t.ctx.mail = {
      kind: 'smtp',
      async send(mail) {
        if (refusals-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
        await real.send(mail);
      },
      close: async () => {},
    };
    travelTo(t, at(13, 10));
    await api.thread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'urgent', urgentReason: 'Now' },
    });
    await runJobs(t);
    const failed = (await notificationsOf(t, bob.user.id)).find((r) => r.channel === 'email');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, delivered_at: null });
    expect(failed?.error).toContain('failed: connect ECONNREFUSED');
    const mine = await request(t.app, { method: 'GET', url: '/api/me/notifications' }, bob);
    expect(mine.json().notifications.some((n: { status: string }) => n.status === 'failed')).toBe(true);
    t.travel(2000);
    await runJobs(t);
    expect((await notificationsOf(t, bob.user.id)).find((r) => r.channel === 'email')?.attempts).toBe(2);
    t.travel(3000); // first retry after 2 s, the second after 4 s
    expect(await runJobs(t)).toBe(0);
    t.travel(1100);
    await runJobs(t);
    expect((await notificationsOf(t, bob.user.id)).find((r) => r.channel === 'email')).toMatchObject({
      status: 'delivered',
      attempts: 3,
      error: null,
    });
    t.ctx.mail = real;
    expect(mailTo(t, BOB)).toHaveLength(1);
  });
});
