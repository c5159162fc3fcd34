import type { InboxItem } from '@tidings/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';
import type { ExpectationKind } from '../../db/schema';
import { allJobs } from '../../jobs/registry';
import { createJobRunner } from '../../jobs/runner';
import { seedInboxItem, seedSpace, seedThread } from './testing/seed';

const HOUR = 3600 * 1000;

describe.each(databasesUnderTest())('inbox on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let now: number;

  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    now = t.ctx.now();
  });
  afterEach(() => t.close());

  /** A thread from Ana to Ben with Ben's inbox row as the fan-out would write it. */
  async function threadForBen(
    subject: string,
    item: { ago: number; ask?: ExpectationKind; dueAt?: number | null; body?: string; unread?: boolean },
  ): Promise<string> {
    const at = now - item.ago;
    const { threadId, postIds } = await seedThread(t.ctx.db, {
      subject,
      people: [ben.user.id],
      posts: [
        { author: ana.user.id, body: item.body ?? `About ${subject}`, at, expectation: item.ask ?? 'fyi' },
      ],
    });
    await seedInboxItem(t.ctx.db, {
      userId: ben.user.id,
      threadId,
      lastPostId: postIds[0] as string,
      at,
      needsReply: item.ask !== undefined && item.ask !== 'fyi',
      expectation: item.ask && item.ask !== 'fyi' ? item.ask : null,
      dueAt: item.dueAt ?? null,
      unread: item.unread,
    });
    return threadId;
  }

  const list = async (section: string, as: Session = ben, extra = '') => {
    const response = await request(
      t.app,
      { method: 'GET', url: `/api/inbox?section=${section}${extra}` },
      as,
    );
    expect(response.statusCode).toBe(200);
    return response.json() as { items: InboxItem[]; nextBefore: string | null };
  };
  const subjects = async (section: string, as: Session = ben) =>
    (await list(section, as)).items.map((i) => i.subject);
  const act = (threadId: string, action: string, as: Session = ben, payload?: object) =>
    request(t.app, { method: 'POST', url: `/api/inbox/${threadId}/${action}`, payload }, as);
  const counts = async (as: Session = ben) =>
    (await request(t.app, { method: 'GET', url: '/api/inbox/counts' }, as)).json();

  it('sorts what needs a reply: urgent, then by due date (overdue flagged), then latest', async () => {
    await threadForBen('plain ask', { ago: 1000, ask: 'reply' });
    await threadForBen('due friday', { ago: 5000, ask: 'reply_by', dueAt: now + 48 * HOUR });
    await threadForBen('late decision', { ago: 9000, ask: 'decision_by', dueAt: now - HOUR });
    await threadForBen('fire', { ago: 10_000, ask: 'urgent' });
    await threadForBen('older plain ask', { ago: 20_000, ask: 'reply' });
    await threadForBen('news', { ago: 2000 });
    await threadForBen('newer news', { ago: 100 });

    const needs = await list('needs_reply');
    expect(needs.items.map((i) => i.subject)).toEqual([
      'fire',
      'late decision',
      'due friday',
      'plain ask',
      'older plain ask',
    ]);
    expect(needs.nextBefore).toBeNull();
    const late = needs.items[1];
    expect(late).toMatchObject({
      needsReply: true,
      expectation: 'decision_by',
      dueAt: now - HOUR,
      overdue: true,
      unread: true,
      doneAt: null,
      snoozedUntil: null,
      resolved: false,
      excerpt: 'About late decision',
      lastPostAt: now - 9000,
      lastAuthor: { id: ana.user.id, name: 'Ana Owner', avatarUrl: null },
    });
    expect(needs.items[2]?.overdue).toBe(false);
    expect(await subjects('updates')).toEqual(['newer news', 'news']);
    expect(await counts()).toEqual({ needsReply: 5, updates: 2, unread: 7 });
    // Ana has no inbox rows: her sections are empty.
    expect(await subjects('needs_reply', ana)).toEqual([]);
  });

  it('shows a short excerpt, and a tombstone for a deleted last post', async () => {
    const long = `${'word '.repeat(60)}end`;
    const id = await threadForBen('long', { ago: 10, body: long });
    const [item] = (await list('updates')).items;
    expect(item?.excerpt.length).toBeLessThanOrEqual(140);
    expect(item?.excerpt.endsWith('…')).toBe(true);
    await t.ctx.db.updateTable('posts').set({ deleted_at: now }).where('thread_id', '=', id).execute();
    expect((await list('updates')).items[0]?.excerpt).toBe('This message was deleted');
  });

  it('marks done and not done, and tells open inboxes', async () => {
    const publish = vi.spyOn(t.ctx.live, 'publish');
    const id = await threadForBen('to finish', { ago: 10, ask: 'reply' });
    expect((await act(id, 'done')).statusCode).toBe(200);
    expect(publish).toHaveBeenCalledWith([ben.user.id], { type: 'inbox.changed', threadId: id });
    expect(await subjects('needs_reply')).toEqual([]);
    const done = await list('done');
    expect(done.items.map((i) => i.subject)).toEqual(['to finish']);
    expect(done.items[0]?.doneAt).toBeTypeOf('number');
    expect(await counts()).toEqual({ needsReply: 0, updates: 0, unread: 0 });

    expect((await act(id, 'undone')).statusCode).toBe(200);
    expect(await subjects('done')).toEqual([]);
    expect(await subjects('needs_reply')).toEqual(['to finish']);
  });

  it('snoozes until a time, then brings the item back on its own', async () => {
    const id = await threadForBen('later', { ago: 10, ask: 'reply' });
    const past = await act(id, 'snooze', ben, { until: now - 1000 });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toHaveProperty('until');

    const until = now + 2 * HOUR;
    expect((await act(id, 'snooze', ben, { until })).statusCode).toBe(200);
    expect(await subjects('needs_reply')).toEqual([]);
    const snoozed = await list('snoozed');
    expect(snoozed.items.map((i) => [i.subject, i.snoozedUntil])).toEqual([['later', until]]);
    expect((await counts()).needsReply).toBe(0);

    const publish = vi.spyOn(t.ctx.live, 'publish');
    const runner = createJobRunner(t.ctx, allJobs);
    expect(await runner.drain()).toBe(0); // not due yet
    t.travel(2 * HOUR + 1000);
    expect(await subjects('needs_reply')).toEqual(['later']);
    expect(await subjects('snoozed')).toEqual([]);
    expect((await list('needs_reply')).items[0]?.snoozedUntil).toBeNull();
    expect((await counts()).needsReply).toBe(1);
    expect(await runner.drain()).toBe(1);
    expect(publish).toHaveBeenCalledWith([ben.user.id], { type: 'inbox.changed', threadId: id });
  });

  it('unsnoozes at once, and a lifted snooze does not announce itself later', async () => {
    const id = await threadForBen('later', { ago: 10 });
    await act(id, 'snooze', ben, { until: now + HOUR });
    expect(await subjects('updates')).toEqual([]);
    expect((await act(id, 'unsnooze')).statusCode).toBe(200);
    expect(await subjects('updates')).toEqual(['later']);
    const publish = vi.spyOn(t.ctx.live, 'publish');
    t.travel(2 * HOUR);
    expect(await createJobRunner(t.ctx, allJobs).drain()).toBe(1);
    expect(publish).not.toHaveBeenCalled();
  });

  it('marks read and unread, which the sidebar counts', async () => {
    const a = await threadForBen('a', { ago: 10, ask: 'reply' });
    await threadForBen('b', { ago: 20, unread: false });
    expect(await counts()).toEqual({ needsReply: 1, updates: 1, unread: 1 });
    expect((await act(a, 'read')).statusCode).toBe(200);
    expect((await list('needs_reply')).items[0]?.unread).toBe(false);
    expect((await counts()).unread).toBe(0);
    expect((await act(a, 'unread')).statusCode).toBe(200);
    expect((await counts()).unread).toBe(1);
  });

  it('pages through each ordering without gaps or repeats, ties included', async () => {
    for (let i = 0; i < 7; i++) {
      await threadForBen(`ask ${i}`, {
        ago: (i % 3) * 1000,
        ask: i === 6 ? 'urgent' : 'reply_by',
        dueAt: i % 2 === 0 ? now + (i % 4) * HOUR : null,
      });
      await threadForBen(`news ${i}`, { ago: (i % 2) * 1000 });
    }
    for (const section of ['needs_reply', 'updates']) {
      const all = (await list(section)).items.map((i) => i.threadId);
      expect(all).toHaveLength(7);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: InboxItem[]; nextBefore: string | null } = await list(
          section,
          ben,
          `&limit=3${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(3);
        paged.push(...page.items.map((i) => i.threadId));
        cursor = page.nextBefore;
      } while (cursor && paged.length < 20);
      expect(paged).toEqual(all);
    }
    const bad = await request(t.app, { method: 'GET', url: '/api/inbox?before=bm9wZQ' }, ben);
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 for threads without an inbox row or out of sight, and 401 signed out', async () => {
    const mine = await threadForBen('mine', { ago: 10 });
    expect((await act(mine, 'done', ana)).statusCode).toBe(404);
    expect((await act('no-such-thread', 'done')).statusCode).toBe(404);
    expect((await request(t.app, { method: 'GET', url: '/api/inbox' })).statusCode).toBe(401);
    expect((await request(t.app, { method: 'POST', url: `/api/inbox/${mine}/done` })).statusCode).toBe(401);

    // A row on a private-space thread Ben is not (or no longer) in: hidden, and 404 to act on.
    const space = await seedSpace(t.ctx.db, {
      name: 'Board',
      visibility: 'private',
      createdBy: ana.user.id,
      members: [ana.user.id],
      at: now,
    });
    const { threadId, postIds } = await seedThread(t.ctx.db, {
      subject: 'board only',
      spaces: [space],
      posts: [{ author: ana.user.id, body: 'secret', at: now }],
    });
    await seedInboxItem(t.ctx.db, {
      userId: ben.user.id,
      threadId,
      lastPostId: postIds[0] as string,
      at: now,
    });
    expect(await subjects('updates')).toEqual(['mine']);
    expect((await counts()).updates).toBe(1);
    expect((await act(threadId, 'done')).statusCode).toBe(404);
  });
});
