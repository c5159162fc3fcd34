import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { testMedia } from '../playback/playback.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';

describe.each(databasesUnderTest())('comments and reactions on the moment on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let carl: Session;
  let api: ReturnType<typeof threadsApi>;
  let threadId: string;
  let mediaId: string;

  beforeEach(async () => {
    t = await createTestApp(kind);
    api = threadsApi(t);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    carl = await addMember(t.app, ana, { name: 'Carl', email: 'carl@example.com' });
    const media = await testMedia(t).add(ana);
    mediaId = media.id;
    await testMedia(t).repo.update(mediaId, { duration_ms: 60_000, title: 'Deck walkthrough' });
    const thread = await api.thread(ana, { recipients: { userIds: [ben.user.id] }, mediaIds: [mediaId] });
    threadId = thread.id;
  });
  afterEach(() => t.close());

  const moments = (as: Session, id = mediaId) => api.call('GET', `/api/media/${id}/moments`, as);

  it('writes a comment on the moment as a post of the thread, which notifies like any post', async () => {
    const comment = await api.replied(ben, threadId, {
      body: 'The **chart** at this point is hard to read',
      expectation: { kind: 'reply' },
      moment: { mediaId, atMs: 23_000 },
    });
    expect(comment.moment).toEqual({
      mediaId,
      atMs: 23_000,
      mediaTitle: 'Deck walkthrough',
      mediaPostId: expect.any(String),
    });
    expect(comment.replyToId).toBeNull();

    const thread = (await api.get(ana, threadId)).json();
    expect(thread.posts.map((p: { moment: unknown }) => p.moment)).toEqual([null, comment.moment]);
    const inbox = await api.inboxRow(ana.user.id, threadId);
    expect(inbox).toMatchObject({ last_post_id: comment.id, unread: 1, needs_reply: 1 });
    const asked = await t.ctx.db
      .selectFrom('post_asks')
      .select('user_id')
      .where('post_id', '=', comment.id)
      .execute();
    expect(asked.map((a) => a.user_id)).toEqual([ana.user.id]);
    const notified = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id'])
      .where('post_id', '=', comment.id)
      .execute();
    expect(notified.map((n) => n.user_id)).toContain(ana.user.id);

    const events = await t.ctx.live.since(ana.user.id, 0, 100);
    expect(events.map((e) => e.event)).toContainEqual({ type: 'moments.changed', threadId, mediaId });

    const list = (await moments(ana)).json();
    expect(list.comments).toEqual([
      expect.objectContaining({
        id: comment.id,
        atMs: 23_000,
        excerpt: 'The chart at this point is hard to read',
        replies: 0,
        author: expect.objectContaining({ name: 'Ben' }),
      }),
    ]);
  });

  it('refuses a recording of another thread, a time past the end, and a reply to another thread', async () => {
    const other = await testMedia(t).add(ben);
    const otherThread = await api.thread(ben, {
      recipients: { userIds: [ana.user.id] },
      mediaIds: [other.id],
    });

    const foreign = await api.reply(ben, threadId, { moment: { mediaId: other.id, atMs: 1000 } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual({ 'moment.mediaId': 'That recording is not in this thread' });

    const late = await api.reply(ben, threadId, { moment: { mediaId, atMs: 61_000 } });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields['moment.atMs']).toMatch(/between 0:00 and 1:00/);

    const negative = await api.reply(ben, threadId, { moment: { mediaId, atMs: -5 } });
    expect(negative.statusCode).toBe(400);

    const elsewhere = await api.reply(ben, threadId, { replyToId: otherThread.posts[0].id });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields).toEqual({ replyToId: 'That comment is not in this thread' });

    const outsider = await api.reply(carl, threadId, { moment: { mediaId, atMs: 1000 } });
    expect(outsider.statusCode).toBe(404);
    const count = await t.ctx.db.selectFrom('posts').select('id').where('thread_id', '=', threadId).execute();
    expect(count).toHaveLength(1);
  });

  it('counts replies to a comment and keeps them off the timeline', async () => {
    const comment = await api.replied(ben, threadId, {
      body: 'Why this number?',
      moment: { mediaId, atMs: 5_000 },
    });
    const reply = await api.replied(ana, threadId, {
      body: 'From the Q3 report',
      moment: { mediaId, atMs: 5_000 },
      replyToId: comment.id,
    });
    expect(reply.replyToId).toBe(comment.id);
    const list = (await moments(ben)).json();
    expect(list.comments.map((c: { id: string; replies: number }) => [c.id, c.replies])).toEqual([
      [comment.id, 1],
    ]);
  });

  it('adds, groups, lists and takes back reactions; only for people who can see the thread', async () => {
    const react = (as: Session, payload: object) =>
      api.call('POST', `/api/media/${mediaId}/reactions`, as, payload);
    const first = await react(ben, { emoji: '👍', atMs: 3_000 });
    expect(first.statusCode, first.body).toBe(201);
    expect((await react(ben, { emoji: '👍', atMs: 3_000 })).json().id).toBe(first.json().id);
    expect((await react(ana, { emoji: '👍', atMs: 3_000 })).statusCode).toBe(201);
    expect((await react(ana, { emoji: '🦄', atMs: 1_000 })).statusCode).toBe(201);
    expect((await react(ana, { emoji: '👍🏽', atMs: 2_000 })).statusCode).toBe(201);

    for (const emoji of ['hello', '👍👍', '', 'a']) {
      const bad = await react(ben, { emoji, atMs: 1_000 });
      expect(bad.statusCode, emoji).toBe(400);
      expect(bad.json().error.fields.emoji).toMatch(/single emoji/);
    }
    const late = await react(ben, { emoji: '🎉', atMs: 90_000 });
    expect(late.statusCode).toBe(400);

    const list = (await moments(ben)).json();
    expect(list.reactions.map((r: { emoji: string; atMs: number }) => [r.emoji, r.atMs])).toEqual([
      ['🦄', 1_000],
      ['👍🏽', 2_000],
      ['👍', 3_000],
    ]);
    const thumbs = list.reactions[2];
    expect(thumbs.people.map((p: { name: string }) => p.name).sort()).toEqual(['Ana Owner', 'Ben']);
    expect(thumbs.myReactionId).toBe(first.json().id);

    expect((await moments(carl)).statusCode).toBe(404);
    expect((await react(carl, { emoji: '👍', atMs: 1 })).statusCode).toBe(404);
    const anaThumb = (await moments(ana)).json().reactions[2].myReactionId;
    expect((await api.call('DELETE', `/api/media/${mediaId}/reactions/${anaThumb}`, ben)).statusCode).toBe(
      404,
    );
    expect(
      (await api.call('DELETE', `/api/media/${mediaId}/reactions/${first.json().id}`, carl)).statusCode,
    ).toBe(404);
    const removed = await api.call('DELETE', `/api/media/${mediaId}/reactions/${first.json().id}`, ben);
    expect(removed.statusCode).toBe(200);
    const after = (await moments(ben)).json().reactions[2];
    expect(after.people.map((p: { name: string }) => p.name)).toEqual(['Ana Owner']);
    expect(after.myReactionId).toBeNull();

    const events = await t.ctx.live.since(ben.user.id, 0, 100);
    expect(events.filter((e) => e.event.type === 'moments.changed').length).toBeGreaterThanOrEqual(4);
    expect((await t.ctx.live.since(carl.user.id, 0, 100)).map((e) => e.event.type)).not.toContain(
      'moments.changed',
    );
  });

  it('answers 404 for a recording in no thread, or in a deleted post', async () => {
    const draft = await testMedia(t).add(ana);
    expect((await moments(ana, draft.id)).statusCode).toBe(404);
    const thread = (await api.get(ana, threadId)).json();
    expect((await api.call('DELETE', `/api/posts/${thread.posts[0].id}`, ana)).statusCode).toBe(200);
    expect((await moments(ben)).statusCode).toBe(404);
  });
});
