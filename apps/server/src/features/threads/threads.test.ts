import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { DAY, threadsApi } from './threads.test-helpers';

describe.each(databasesUnderTest())('threads and posts on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    api = threadsApi(t);
  });
  afterEach(() => t.close());

  it('runs the reply_by flow: Ben is asked, Ben replies, Ana sees it answered', async () => {
    const friday = t.ctx.now() + 3 * DAY;
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      expectation: { kind: 'reply_by', dueAt: friday },
    });
    expect(thread.subject).toBe('Slides for Friday');
    expect(thread.recipients.people.map((p: { name: string }) => p.name)).toEqual(['Ben Member']);
    const first = thread.posts[0];
    expect(first.expectation).toEqual({ kind: 'reply_by', dueAt: friday, urgentReason: null });
    expect(first.asks).toMatchObject([{ person: { id: ben.user.id }, answeredAt: null }]);

    expect(await api.inboxRow(ben.user.id, thread.id)).toMatchObject({
      needs_reply: 1,
      expectation: 'reply_by',
      due_at: friday,
      unread: 1,
      last_post_id: first.id,
    });
    expect(await api.inboxRow(ana.user.id, thread.id)).toMatchObject({ needs_reply: 0, unread: 0 });

    await api.replied(ben, thread.id, { body: 'Looks good to me.' });
    expect(await api.inboxRow(ben.user.id, thread.id)).toMatchObject({
      needs_reply: 0,
      expectation: null,
      due_at: null,
      unread: 0,
    });
    expect(await api.inboxRow(ana.user.id, thread.id)).toMatchObject({ unread: 1, needs_reply: 0 });

    const seenByAna = (await api.get(ana, thread.id)).json();
    expect(seenByAna.posts).toHaveLength(2);
    expect(seenByAna.posts[0].asks[0]).toMatchObject({
      person: { name: 'Ben Member' },
      answeredHow: 'reply',
    });
    expect(seenByAna.posts[0].asks[0].answeredAt).toBeGreaterThan(0);
  });

  it('validates a new thread field by field', async () => {
    const empty = await api.startThread(ana, { subject: '   ', recipients: { userIds: [ben.user.id] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.subject).toBe('Give the thread a subject');

    const unknown = await api.startThread(ana, { recipients: { userIds: ['no-such-person'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.recipients).toContain('no-such-person');

    const nobody = await api.startThread(ana, { recipients: {} });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.fields.recipients).toBeDefined();

    const past = await api.startThread(ana, {
      recipients: { userIds: [ben.user.id] },
      expectation: { kind: 'reply_by', dueAt: t.ctx.now() - 1000 },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields['expectation.dueAt']).toBeDefined();

    const noDate = await api.startThread(ana, {
      recipients: { userIds: [ben.user.id] },
      expectation: { kind: 'decision_by' },
    });
    expect(noDate.json().error.fields['expectation.dueAt']).toBeDefined();

    const urgent = await api.startThread(ana, {
      recipients: { userIds: [ben.user.id] },
      expectation: { kind: 'urgent' },
    });
    expect(urgent.statusCode).toBe(400);
    expect(urgent.json().error.fields['expectation.urgentReason']).toBeDefined();

    expect(await t.ctx.db.selectFrom('threads').select('id').execute()).toEqual([]);
  });

  it('refuses oversize bodies with a clear error', async () => {
    const tooLong = await api.startThread(ana, {
      recipients: { userIds: [ben.user.id] },
      body: 'a'.repeat(100_001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields.body).toContain('100 000');

    const megabyte = await api.startThread(ana, {
      recipients: { userIds: [ben.user.id] },
      body: 'a'.repeat(1024 * 1024),
    });
    expect(megabyte.statusCode).toBe(413);
    expect(megabyte.json().error.code).toBeDefined();
  });

  it('renders markdown server-side and makes scripts and javascript: links inert', async () => {
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      body: [
        '# Plan',
        '',
        'Read **this** and [the doc](https://example.com/doc), then `npm test`.',
        '',
        '<script>alert("x")</script> <img src=x onerror="alert(1)">',
        '',
        '[click](javascript:alert(1)) [data](data:text/html,hi)',
        '',
        '- one',
        '- two',
        '',
        '> quoted',
      ].join('\n'),
    });
    const html: string = thread.posts[0].bodyHtml;
    expect(html).toContain('<h3>Plan</h3>');
    expect(html).toContain('<strong>this</strong>');
    expect(html).toContain(
      '<a href="https://example.com/doc" target="_blank" rel="noopener noreferrer nofollow">the doc</a>',
    );
    expect(html).toContain('<code>npm test</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).not.toMatch(/<script|<img|href="javascript|href="data/i);
    expect(html).toContain('&lt;script&gt;');
    const row = await t.ctx.db.selectFrom('posts').select('body_text').executeTakeFirstOrThrow();
    expect(row.body_text).toContain('Read this and the doc, then npm test.');
  });

  it('keeps edit history for the author only', async () => {
    const thread = await api.thread(ana, { recipients: { userIds: [ben.user.id] }, body: 'First wording' });
    const postId = thread.posts[0].id;
    t.travel(60_000);
    const edited = await api.call('PATCH', `/api/posts/${postId}`, ana, { body: 'Second *wording*' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      bodyMarkdown: 'Second *wording*',
      bodyHtml: '<p>Second <em>wording</em></p>\n',
    });
    expect(edited.json().editedAt).toBeGreaterThan(thread.posts[0].createdAt);
    await api.call('PATCH', `/api/posts/${postId}`, ana, { body: 'Third' });

    const revisions = await api.call('GET', `/api/posts/${postId}/revisions`, ben);
    expect(revisions.json().revisions.map((r: { bodyMarkdown: string }) => r.bodyMarkdown)).toEqual([
      'Second *wording*',
      'First wording',
    ]);
    expect((await api.call('PATCH', `/api/posts/${postId}`, ben, { body: 'Hijack' })).statusCode).toBe(403);
  });

  it('leaves a tombstone when a post is deleted and closes what it asked', async () => {
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      body: 'Secret plan',
      expectation: { kind: 'reply' },
    });
    const postId = thread.posts[0].id;
    expect((await api.inboxRow(ben.user.id, thread.id))?.needs_reply).toBe(1);
    expect((await api.call('DELETE', `/api/posts/${postId}`, ben)).statusCode).toBe(403);

    const deleted = await api.call('DELETE', `/api/posts/${postId}`, ana);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ bodyMarkdown: '', asks: [] });
    expect(deleted.json().bodyHtml).toContain('This message was deleted');
    expect(deleted.json().deletedAt).toBeGreaterThan(0);
    const stored = await t.ctx.db.selectFrom('posts').selectAll().executeTakeFirstOrThrow();
    expect([stored.body_md, stored.body_text, stored.body_html]).toEqual(['', '', '']);
    expect((await api.inboxRow(ben.user.id, thread.id))?.needs_reply).toBe(0);
    expect((await api.get(ben, thread.id)).json().posts[0].bodyHtml).toContain('This message was deleted');
    expect((await api.call('PATCH', `/api/posts/${postId}`, ana, { body: 'back' })).statusCode).toBe(400);
  });

  it('accepts a quote only of a passage in the same thread', async () => {
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      body: 'We ship on **Thursday** after the review.',
    });
    const postId = thread.posts[0].id;
    const quoted = await api.replied(ben, thread.id, {
      quote: { postId, text: 'ship on Thursday' },
      body: 'Agreed',
    });
    expect(quoted.quote).toEqual({ postId, text: 'ship on Thursday', authorName: 'Ana Owner' });

    const invented = await api.reply(ben, thread.id, { quote: { postId, text: 'ship on Monday' } });
    expect(invented.statusCode).toBe(400);
    expect(invented.json().error.fields.quote).toBeDefined();

    const other = await api.thread(ana, { recipients: { userIds: [ben.user.id] }, body: 'Other words' });
    const elsewhere = await api.reply(ben, thread.id, {
      quote: { postId: other.posts[0].id, text: 'Other words' },
    });
    expect(elsewhere.statusCode).toBe(400);
  });

  it('notifies mentioned people, and refuses mentions of people who cannot see the thread', async () => {
    const cleo = await addMember(t.app, ana, { name: 'Cleo Member', email: 'cleo@example.com' });
    const space = await api.space(ana, { name: 'Design', visibility: 'public' });
    const thread = await api.thread(ana, { recipients: { spaceIds: [space.id] } });
    expect(await api.inboxRow(cleo.user.id, thread.id)).toBeUndefined();

    const mention = `@[Cleo Member](mention:${cleo.user.id})`;
    const post = await api.replied(ben, thread.id, { body: `What do you think, ${mention}?` });
    expect(post.bodyHtml).toContain(
      `<span class="mention" data-user-id="${cleo.user.id}">@Cleo Member</span>`,
    );
    expect(await api.inboxRow(cleo.user.id, thread.id)).toMatchObject({
      unread: 1,
      needs_reply: 0,
      last_post_id: post.id,
    });

    const secret = await api.thread(ana, { recipients: { userIds: [ben.user.id] } });
    const refused = await api.reply(ben, secret.id, { body: `Hey ${mention}` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.body).toBe(
      'Cleo Member cannot see this thread; add them as a recipient',
    );
  });

  it('asks only the people named, who must be able to see the thread', async () => {
    const cleo = await addMember(t.app, ana, { name: 'Cleo Member', email: 'cleo@example.com' });
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id, cleo.user.id] },
      expectation: { kind: 'decision_by', dueAt: t.ctx.now() + DAY, askedUserIds: [cleo.user.id] },
    });
    expect(thread.posts[0].asks.map((a: { person: { id: string } }) => a.person.id)).toEqual([cleo.user.id]);
    expect((await api.inboxRow(ben.user.id, thread.id))?.needs_reply).toBe(0);
    expect(await api.inboxRow(cleo.user.id, thread.id)).toMatchObject({
      needs_reply: 1,
      expectation: 'decision_by',
    });

    const dan = await addMember(t.app, ana, { name: 'Dan Member', email: 'dan@example.com' });
    const outsider = await api.reply(ana, thread.id, {
      expectation: { kind: 'reply', askedUserIds: [dan.user.id] },
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.fields['expectation.askedUserIds']).toContain('Dan Member');
  });

  it('lets the asked mark a post answered or decided', async () => {
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      expectation: { kind: 'urgent', urgentReason: 'Server is down' },
    });
    const postId = thread.posts[0].id;
    expect(await api.inboxRow(ben.user.id, thread.id)).toMatchObject({
      expectation: 'urgent',
      needs_reply: 1,
    });
    const answered = await api.call('POST', `/api/posts/${postId}/answer`, ben, { how: 'decided' });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().asks[0]).toMatchObject({ answeredHow: 'decided' });
    expect((await api.inboxRow(ben.user.id, thread.id))?.needs_reply).toBe(0);
    expect((await api.call('POST', `/api/posts/${postId}/answer`, ben, { how: 'answered' })).statusCode).toBe(
      400,
    );
    expect((await api.call('GET', '/api/me/urgent-stats', ana)).json()).toEqual({ sentThisWeek: 1 });
    t.travel(8 * DAY);
    expect((await api.call('GET', '/api/me/urgent-stats', ana)).json()).toEqual({ sentThisWeek: 0 });
  });

  it('records receipts, shown only to the sender, and clears unread', async () => {
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      expectation: { kind: 'reply' },
    });
    expect((await api.call('POST', `/api/threads/${thread.id}/read`, ben)).statusCode).toBe(200);
    expect((await api.inboxRow(ben.user.id, thread.id))?.unread).toBe(0);
    const asAna = (await api.get(ana, thread.id)).json().posts[0];
    expect(asAna.seenBy.map((p: { name: string }) => p.name)).toEqual(['Ben Member']);
    expect(asAna.asks[0].seenAt).toBeGreaterThan(0);
    const asBen = (await api.get(ben, thread.id)).json().posts[0];
    expect(asBen.seenBy).toEqual([]);
    expect(asBen.asks[0].seenAt).toBeNull();
  });

  it('mutes: a muted person gets no inbox update unless asked', async () => {
    const thread = await api.thread(ana, { recipients: { userIds: [ben.user.id] } });
    const before = await api.inboxRow(ben.user.id, thread.id);
    const muted = await api.call('PUT', `/api/threads/${thread.id}/subscription`, ben, { mode: 'mute' });
    expect(muted.json().subscription).toBe('mute');
    await t.ctx.db.updateTable('inbox_items').set({ unread: 0 }).where('user_id', '=', ben.user.id).execute();

    t.travel(1000);
    const quiet = await api.replied(ana, thread.id, { body: 'Just so you know' });
    expect(await api.inboxRow(ben.user.id, thread.id)).toMatchObject({
      unread: 0,
      last_post_id: before?.last_post_id,
    });

    const asked = await api.replied(ana, thread.id, { expectation: { kind: 'reply' } });
    expect(asked.id).not.toBe(quiet.id);
    expect(await api.inboxRow(ben.user.id, thread.id)).toMatchObject({
      unread: 1,
      needs_reply: 1,
      last_post_id: asked.id,
    });

    await api.call('PUT', `/api/threads/${thread.id}/subscription`, ben, { mode: 'default' });
    expect((await api.get(ben, thread.id)).json().subscription).toBe('default');
  });

  it('follows: someone who can see a thread but was not addressed gets its updates', async () => {
    const cleo = await addMember(t.app, ana, { name: 'Cleo Member', email: 'cleo@example.com' });
    const space = await api.space(ana, { name: 'Open', memberIds: [ben.user.id] });
    const thread = await api.thread(ana, { recipients: { spaceIds: [space.id] } });
    const followed = await api.call('PUT', `/api/threads/${thread.id}/subscription`, cleo, {
      mode: 'follow',
    });
    expect(followed.json().subscription).toBe('follow');
    expect(await api.inboxRow(cleo.user.id, thread.id)).toBeUndefined();
    const post = await api.replied(ben, thread.id);
    expect(await api.inboxRow(cleo.user.id, thread.id)).toMatchObject({ unread: 1, last_post_id: post.id });
  });

  it('brings a done thread back on new activity, but not for its author', async () => {
    const thread = await api.thread(ana, { recipients: { userIds: [ben.user.id] } });
    await t.ctx.db
      .updateTable('inbox_items')
      .set({ done_at: 1, snoozed_until: 99 })
      .where('thread_id', '=', thread.id)
      .execute();
    await api.replied(ana, thread.id);
    expect(await api.inboxRow(ben.user.id, thread.id)).toMatchObject({
      done_at: null,
      unread: 1,
      snoozed_until: 99,
    });
    expect(await api.inboxRow(ana.user.id, thread.id)).toMatchObject({ done_at: 1, unread: 0 });
  });

  it('resolves and reopens: the author or an admin', async () => {
    const thread = await api.thread(ben, { recipients: { userIds: [ana.user.id] } });
    const cleo = await addMember(t.app, ana, { name: 'Cleo Member', email: 'cleo@example.com' });
    const resolved = await api.call('POST', `/api/threads/${thread.id}/resolve`, ben);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().resolvedAt).toBeGreaterThan(0);
    const reopened = await api.call('POST', `/api/threads/${thread.id}/reopen`, ana);
    expect(reopened.json().resolvedAt).toBeNull();

    const other = await api.thread(ana, { recipients: { userIds: [ben.user.id, cleo.user.id] } });
    expect((await api.call('POST', `/api/threads/${other.id}/resolve`, cleo)).statusCode).toBe(403);
  });
});
