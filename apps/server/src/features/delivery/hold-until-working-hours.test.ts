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
import { basePrefs, putPrefs, runJobs, travelTo } from './delivery.test-helpers';

const at = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h, m); // January 2026: Lisbon is UTC+0

describe.each(databasesUnderTest())('deliver at the start of their working day, on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let bob: Session;
  let cy: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    bob = await addMember(t.app, ana, { name: 'Bob Lisbon', email: 'bob@example.com' });
    cy = await addMember(t.app, ana, { name: 'Cy Tokyo', email: 'cy@example.com' });
    api = threadsApi(t);
    expect((await putPrefs(t, bob, basePrefs('Europe/Lisbon'))).statusCode).toBe(200);
    expect((await putPrefs(t, cy, basePrefs('Asia/Tokyo'))).statusCode).toBe(200);
  });
  afterEach(() => t.close());

  const needsReply = async (as: Session) =>
    (await request(t.app, { method: 'GET', url: '/api/inbox?section=needs_reply' }, as)).json().items as {
      threadId: string;
    }[];

  it("holds the thread in each inbox until that person's own working hours begin", async () => {
    travelTo(t, at(13, 22)); // Tuesday 22:00 in Lisbon = Wednesday 07:00 in Tokyo
    const thread = await api.thread(ana, {
      recipients: { userIds: [bob.user.id, cy.user.id] },
      expectation: { kind: 'reply' },
      deliverInWorkingHours: true,
    });
    expect(await needsReply(bob)).toEqual([]);
    expect(await needsReply(cy)).toEqual([]);
    const snoozed = await request(t.app, { method: 'GET', url: '/api/inbox?section=snoozed' }, bob);
    expect(snoozed.json().items[0].snoozedUntil).toBe(at(14, 9));

    t.travel(2 * 3600 * 1000); // 00:00 Lisbon, 09:00 Tokyo: Cy's day has begun, Bob's has not
    expect((await needsReply(cy)).map((i) => i.threadId)).toEqual([thread.id]);
    expect(await needsReply(bob)).toEqual([]);

    t.travel(9 * 3600 * 1000); // 09:00 Lisbon
    expect((await needsReply(bob)).map((i) => i.threadId)).toEqual([thread.id]);
    // The snooze-end jobs tell open inboxes; running them must not fail.
    await runJobs(t);
  });

  it('sends at once to someone already in their working hours', async () => {
    travelTo(t, at(13, 10)); // Tuesday 10:00 Lisbon, 19:00 Tokyo
    const thread = await api.thread(ana, {
      recipients: { userIds: [bob.user.id, cy.user.id] },
      expectation: { kind: 'reply' },
      deliverInWorkingHours: true,
    });
    expect((await needsReply(bob)).map((i) => i.threadId)).toEqual([thread.id]);
    expect(await needsReply(cy)).toEqual([]);
  });

  it('refuses to hold an urgent message', async () => {
    travelTo(t, at(13, 22));
    const response = await api.startThread(ana, {
      recipients: { userIds: [bob.user.id] },
      expectation: { kind: 'urgent', urgentReason: 'Site is down' },
      deliverInWorkingHours: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.deliverInWorkingHours).toBeDefined();
  });
});
