import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { testMedia } from '../playback/playback.test-helpers';
import { shareApi } from '../share-links/share-links.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';
import { recordWatch } from './record-watch';

describe.each(databasesUnderTest())('views and receipts on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let cleo: Session;
  let dan: Session;
  let api: ReturnType<typeof threadsApi>;

  beforeEach(async () => {
    t = await createTestApp(kind);
    api = threadsApi(t);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    cleo = await addMember(t.app, ana, { name: 'Cleo', email: 'cleo@example.com' });
    dan = await addMember(t.app, ana, { name: 'Dan', email: 'dan@example.com' });
  });
  afterEach(() => t.close());

  /** A recording of `durationMs` in a thread Ana addressed to Ben and Cleo. */
  async function posted(durationMs: number) {
    const media = await testMedia(t).add(ana);
    await testMedia(t).repo.update(media.id, { duration_ms: durationMs });
    await api.thread(ana, { recipients: { userIds: [ben.user.id, cleo.user.id] }, mediaIds: [media.id] });
    return media.id;
  }
  const report = (as: Session, id: string, ranges: number[][]) =>
    api.call('POST', `/api/media/${id}/views`, as, { ranges });
  const views = (as: Session, id: string) => api.call('GET', `/api/media/${id}/views`, as);
  /** media.updated events the author's pages got for this recording (their library's counts). */
  const authorNotices = async (id: string) =>
    (
      await t.ctx.db
        .selectFrom('live_events')
        .select('payload')
        .where('user_id', '=', ana.user.id)
        .where('type', '=', 'media.updated')
        .execute()
    ).filter((e) => (JSON.parse(e.payload) as { mediaId: string }).mediaId === id).length;

  it('counts a view after 5 seconds of a long recording, not after 4, across reports', async () => {
    const id = await posted(60_000);
    const first = await report(ben, id, [
      [0, 2_000],
      [1_000, 4_000],
    ]);
    expect(first.json()).toEqual({ watchedMs: 4_000, counted: false });
    const noticesBefore = await authorNotices(id);
    t.travel(10_000);
    const second = await report(ben, id, [[4_000, 5_000]]);
    expect(second.json()).toEqual({ watchedMs: 5_000, counted: true });
    // The report that made it count tells Ana's pages; later ones do not.
    expect(await authorNotices(id)).toBe(noticesBefore + 1);
    const row = await t.ctx.db
      .selectFrom('media_views')
      .selectAll()
      .where('media_id', '=', id)
      .executeTakeFirst();
    expect(JSON.parse(row?.ranges ?? '')).toEqual([[0, 5_000]]);
    const countedAt = Number(row?.counted_at);
    expect(countedAt).toBeGreaterThan(0);

    // Counted once: later reports keep the first time it counted.
    t.travel(10_000);
    await report(ben, id, [[30_000, 40_000]]);
    const again = await t.ctx.db
      .selectFrom('media_views')
      .selectAll()
      .where('media_id', '=', id)
      .executeTakeFirst();
    expect(Number(again?.counted_at)).toBe(countedAt);
    expect(Number(again?.watched_ms)).toBe(15_000);
    expect(await authorNotices(id)).toBe(noticesBefore + 1);
  });

  it('counts 75 % of a short clip, clamps to the duration, and refuses bad ranges', async () => {
    const id = await posted(6_000);
    expect((await report(ben, id, [[0, 4_000]])).json()).toEqual({ watchedMs: 4_000, counted: false });
    expect((await report(ben, id, [[4_000, 4_500]])).json()).toEqual({ watchedMs: 4_500, counted: true });
    expect((await report(cleo, id, [[0, 90_000]])).json()).toEqual({ watchedMs: 6_000, counted: true });
    expect((await report(ben, id, [[-1, 5]])).statusCode).toBe(400);
    expect((await report(ben, id, [[1, 2, 3]])).statusCode).toBe(400);
  });

  it('merges concurrent reports of one viewer without losing any', async () => {
    const id = await posted(60_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => report(ben, id, [[i * 2_000, i * 2_000 + 1_000]])),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const row = await t.ctx.db
      .selectFrom('media_views')
      .selectAll()
      .where('media_id', '=', id)
      .executeTakeFirst();
    expect(JSON.parse(row?.ranges ?? '[]')).toHaveLength(8);
    expect(Number(row?.watched_ms)).toBe(8_000);
  });

  it('shows the author, and only the author, who among the addressed watched which parts', async () => {
    const id = await posted(20_000);
    await report(ben, id, [
      [0, 5_000],
      [10_000, 15_000],
    ]);
    await report(ana, id, [[0, 20_000]]);
    await recordWatch(t.ctx, {
      mediaId: id,
      viewerKey: 'link:share1:abc',
      userId: null,
      shareLinkId: 'share1',
      ranges: [[0, 6_000]],
    });
    await recordWatch(t.ctx, {
      mediaId: id,
      viewerKey: 'link:share1:def',
      userId: null,
      shareLinkId: 'share1',
      ranges: [[0, 1_000]],
    });

    const seen = await views(ana, id);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toEqual({
      durationMs: 20_000,
      named: true,
      people: [
        {
          person: expect.objectContaining({ name: 'Ben' }),
          watchedMs: 10_000,
          percent: 50,
          ranges: [
            [0, 5_000],
            [10_000, 15_000],
          ],
          counted: true,
          lastAt: expect.any(Number),
        },
        {
          person: expect.objectContaining({ name: 'Cleo' }),
          watchedMs: 0,
          percent: 0,
          ranges: [],
          counted: false,
          lastAt: null,
        },
      ],
      counts: { addressed: 2, viewed: 1, started: 1 },
      linkViews: { viewers: 2, counted: 1 },
    });

    expect((await views(ben, id)).statusCode).toBe(404);
    expect((await views(dan, id)).statusCode).toBe(404);
    expect((await report(dan, id, [[0, 1_000]])).statusCode).toBe(404);
    expect((await report(dan, 'nope', [[0, 1_000]])).statusCode).toBe(404);
  });

  it("counts other people and link viewers on the owner's library, in one list", async () => {
    const id = await posted(60_000);
    const untouched = (await testMedia(t).add(ana)).id;
    await report(ben, id, [[0, 6_000]]);
    await report(ana, id, [[0, 60_000]]);
    await report(cleo, id, [[0, 3_000]]);
    const { token } = await shareApi(t).created(ana, { kind: 'media', id });
    t.travel(60_000);
    const linkViewedFrom = t.ctx.now();
    const linkView = await api.call('POST', `/api/s/${token}/views`, undefined, {
      mediaId: id,
      ranges: [[0, 7_000]],
    });
    expect(linkView.json()).toEqual({ watchedMs: 7_000, counted: true });
    const libraryOf = async (as: Session) => {
      const listed = await api.call('GET', '/api/me/media', as);
      expect(listed.statusCode, listed.body).toBe(200);
      return listed.json().media as Array<{ id: string; views?: unknown }>;
    };
    const views = new Map((await libraryOf(ana)).map((m) => [m.id, m.views]));
    // Ana's own watching and Cleo's 3 s do not count; the link view is the latest.
    expect(views.get(id)).toEqual({ people: 1, linkViews: 1, lastViewedAt: expect.any(Number) });
    const { lastViewedAt } = views.get(id) as { lastViewedAt: number };
    expect(lastViewedAt).toBeGreaterThanOrEqual(linkViewedFrom);
    expect(lastViewedAt).toBeLessThanOrEqual(t.ctx.now());
    expect(views.get(untouched)).toEqual({ people: 0, linkViews: 0, lastViewedAt: null });
    expect((await libraryOf(ben)).map((m) => m.id)).not.toContain(id);
    // Counts, never names: the same with named receipts off.
    await t.ctx.db.updateTable('workspaces').set({ named_receipts: 0 }).execute();
    const unnamed = (await libraryOf(ana)).find((m) => m.id === id);
    expect(unnamed?.views).toEqual({ people: 1, linkViews: 1, lastViewedAt });
  });

  it('gives counts only, no names, when the workspace turned named receipts off', async () => {
    const id = await posted(10_000);
    await report(ben, id, [[0, 8_000]]);
    await t.ctx.db.updateTable('workspaces').set({ named_receipts: 0 }).execute();
    const seen = (await views(ana, id)).json();
    expect(seen.named).toBe(false);
    expect(seen.people).toEqual([]);
    expect(seen.counts).toEqual({ addressed: 2, viewed: 1, started: 1 });
    expect(JSON.stringify(seen)).not.toContain('Ben');
  });
});
