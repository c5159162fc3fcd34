import type { Insertable } from 'kysely';
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
import type { NotificationsTable } from '../../db/schema';
import { newId } from '../../lib/ids';
import { threadsApi } from '../threads/threads.test-helpers';
import { isoWeekLabel, localWeeks, median } from './attention-weeks';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

describe('attention weeks', () => {
  it('labels ISO weeks and starts them on Monday 00:00 local, across DST', () => {
    expect(isoWeekLabel({ year: 2026, month: 11, day: 30, weekday: 1 })).toBe('2026-W49');
    expect(isoWeekLabel({ year: 2024, month: 12, day: 30, weekday: 1 })).toBe('2025-W01');
    expect(isoWeekLabel({ year: 2026, month: 12, day: 28, weekday: 1 })).toBe('2026-W53');
    const ny = localWeeks('America/New_York', at('2026-03-10T12:00:00Z'), 2);
    expect(ny.map((w) => w.label)).toEqual(['2026-W10', '2026-W11']);
    expect(new Date(ny[0]?.start ?? 0).toISOString()).toBe('2026-03-02T05:00:00.000Z'); // EST
    expect(new Date(ny[1]?.start ?? 0).toISOString()).toBe('2026-03-09T04:00:00.000Z'); // EDT
    expect(ny[0]?.end).toBe(ny[1]?.start);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe.each(databasesUnderTest())('attention report on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let now = 0;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app); // Europe/Lisbon
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' }); // America/New_York
    t.ctx.now = () => now;
  });
  afterEach(() => t.close());

  const report = async (as: Session, url: string) => {
    const response = await request(t.app, { method: 'GET', url }, as);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('counts urgent posts, after-hours notifications, asks answered in time and answer times', async () => {
    const api = threadsApi(t);
    const toBen = { recipients: { userIds: [ben.user.id] } };

    now = at('2026-11-25T14:00:00Z'); // week 48: an urgent post Ben never answers
    await api.thread(ana, { ...toBen, expectation: { kind: 'urgent', urgentReason: 'Site down' } });

    now = at('2026-12-01T14:00:00Z'); // Tuesday of week 49 (09:00 in New York)
    const urgent = await api.thread(ana, {
      ...toBen,
      expectation: { kind: 'urgent', urgentReason: 'Build broken' },
    });
    const replyBy = await api.thread(ana, {
      ...toBen,
      expectation: { kind: 'reply_by', dueAt: at('2026-12-01T20:00:00Z') },
    });
    await api.thread(ana, {
      ...toBen,
      expectation: { kind: 'decision_by', dueAt: at('2026-12-02T12:00:00Z') },
    });
    const fromBen = await api.thread(ben, {
      recipients: { userIds: [ana.user.id] },
      expectation: { kind: 'reply' },
    });
    now += 30 * MIN;
    await api.replied(ben, urgent.id);
    now += 30 * MIN;
    await api.replied(ben, replyBy.id);
    now += 60 * MIN;
    await api.replied(ana, fromBen.id);

    // Deliveries as the engine records them: New York 22:00 (outside), 09:00 and 10:00 (inside);
    // the two digest rows went out in one email. A pending one does not count.
    await t.ctx.db.deleteFrom('notifications').execute();
    const row = (
      postId: string,
      reason: NotificationsTable['reason'],
      channel: NotificationsTable['channel'],
      deliveredAt: number | null,
    ): Insertable<NotificationsTable> => ({
      id: newId(),
      user_id: ben.user.id,
      post_id: postId,
      thread_id: urgent.id,
      reason,
      channel,
      deliver_at: deliveredAt ?? now,
      delivered_at: deliveredAt,
      status: deliveredAt === null ? ('pending' as const) : ('delivered' as const),
      created_at: now,
    });
    const [p1, p2] = [urgent.posts[0].id, replyBy.posts[0].id];
    await t.ctx.db
      .insertInto('notifications')
      .values([
        row(p1, 'urgent', 'email', at('2026-12-02T03:00:00Z')),
        row(p1, 'urgent', 'in_app', at('2026-12-02T15:00:00Z')),
        row(p1, 'digest', 'digest', at('2026-12-02T14:00:00Z')),
        row(p2, 'digest', 'digest', at('2026-12-02T14:00:00Z')),
        row(p2, 'mention', 'email', null),
      ])
      .execute();

    now = at('2026-12-03T12:00:00Z'); // Thursday: the decision was due yesterday, unanswered
    const mine = await report(ben, '/api/me/attention?weeks=2');
    expect(mine.timeZone).toBe('America/New_York');
    expect(mine.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-W48', '2026-W49']);
    expect(mine.weeks[0]).toMatchObject({
      urgentReceived: 1,
      urgentSent: 0,
      asksDue: 0,
      answeredInTimeShare: null,
    });
    expect(mine.weeks[1]).toEqual({
      week: '2026-W49',
      startsAt: at('2026-11-30T05:00:00Z'),
      urgentSent: 0,
      urgentReceived: 1,
      notificationsDelivered: 3,
      notificationsOutsideHours: 1,
      asksDue: 2,
      asksAnsweredInTime: 1,
      answeredInTimeShare: 0.5,
      medianMinutesToAnswer: { reply: null, reply_by: 60, decision_by: null, urgent: 30 },
      mediaMinutesReceived: 0,
    });

    const anas = await report(ana, '/api/me/attention?weeks=2');
    expect(anas.weeks[0]).toMatchObject({ urgentSent: 1, startsAt: at('2026-11-23T00:00:00Z') });
    expect(anas.weeks[1]).toMatchObject({ urgentSent: 1, medianMinutesToAnswer: { reply: 120 } });

    const team = await report(ana, '/api/admin/attention?weeks=2');
    expect(team.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-W48', '2026-W49']);
    expect(team.weeks[1]).toMatchObject({
      urgentSent: 1,
      urgentReceived: 1,
      notificationsOutsideHours: 1,
      asksDue: 2,
      asksAnsweredInTime: 1,
      medianMinutesToAnswer: { reply: 120, reply_by: 60, urgent: 30, decision_by: null },
    });
    expect(team.people.map((p: { person: { name: string } }) => p.person.name)).toEqual([
      'Ana Owner',
      'Ben Member',
    ]);

    // Eight weeks by default, the current one last.
    const eight = await report(ben, '/api/me/attention');
    expect(eight.weeks).toHaveLength(8);
    expect(eight.weeks[7].week).toBe('2026-W49');
  });

  it('keeps the team report to admins and checks the number of weeks', async () => {
    now = Date.now();
    expect((await request(t.app, { method: 'GET', url: '/api/admin/attention' }, ben)).statusCode).toBe(403);
    expect((await request(t.app, { method: 'GET', url: '/api/me/attention' })).statusCode).toBe(401);
    for (const weeks of ['0', '27', 'many']) {
      const response = await request(t.app, { method: 'GET', url: `/api/me/attention?weeks=${weeks}` }, ben);
      expect(response.statusCode, weeks).toBe(400);
    }
  });
});
