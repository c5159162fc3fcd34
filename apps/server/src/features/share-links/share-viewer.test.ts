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
import { DAY } from '../threads/threads.test-helpers';
import { shareApi, shareCookie } from './share-links.test-helpers';

describe.each(databasesUnderTest())('share links for viewers without an account (%s)', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let share: ReturnType<typeof shareApi>;
  let posted: Awaited<ReturnType<ReturnType<typeof shareApi>['postedRecording']>>;

  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    share = shareApi(t);
    posted = await share.postedRecording(ana, ben);
  });
  afterEach(async () => t.close());

  it('shows a recording with URLs bound to the link, and its bytes play without an account', async () => {
    const { token, link } = await share.created(ana, { kind: 'media', id: posted.mediaId });
    const opened = await share.view(token);
    expect(opened.statusCode, opened.body).toBe(200);
    const content = opened.json();
    expect(content).toMatchObject({
      kind: 'media',
      title: 'Deck walkthrough',
      allowComments: false,
      posts: [],
      media: { id: posted.mediaId, authorName: 'Ana Owner', durationMs: 12_000, status: 'ready' },
    });
    expect(content.media.playbackUrl).toMatch(`&share=${link.id}`);
    // Nothing about the workspace's own links or people leaks.
    expect(opened.body).not.toMatch(/\/v\/|shareUrl|ownerId|ana@example\.com/);

    const bytes = await request(t.app, { method: 'GET', url: content.media.playbackUrl });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.rawPayload.equals(posted.bytes)).toBe(true);
    const ranged = await request(t.app, {
      method: 'GET',
      url: content.media.playbackUrl,
      headers: { range: 'bytes=0-99' },
    });
    expect(ranged.statusCode).toBe(206);
    expect((await request(t.app, { method: 'GET', url: content.media.posterUrl })).statusCode).toBe(200);

    // The signature is bound to the link: another link id, or none, does not open it.
    const forged = content.media.playbackUrl.replace(link.id, 'another-link');
    expect((await request(t.app, { method: 'GET', url: forged })).statusCode).toBe(404);
    const bare = content.media.playbackUrl.replace(/&share=.*$/, '');
    expect((await request(t.app, { method: 'GET', url: bare })).statusCode).toBe(401);

    // Turned off: the URL already handed out stops working at once.
    await share.revoke(ana, link.id);
    expect((await request(t.app, { method: 'GET', url: content.media.playbackUrl })).statusCode).toBe(404);
  });

  it('answers unknown, revoked, expired and deleted targets with the very same 404', async () => {
    const revoked = await share.created(ana, { kind: 'thread', id: posted.threadId });
    await share.revoke(ana, revoked.link.id);
    const expiring = await share.created(ana, {
      kind: 'thread',
      id: posted.threadId,
      expiresAt: t.ctx.now() + DAY,
    });
    const ofPost = await share.created(ana, { kind: 'post', id: posted.postId });
    expect((await share.view(expiring.token)).statusCode).toBe(200);
    t.travel(DAY + 1);
    await request(t.app, { method: 'DELETE', url: `/api/posts/${posted.postId}` }, ana);

    const answers = await Promise.all(
      ['x'.repeat(43), revoked.token, expiring.token, ofPost.token].map((token) => share.view(token)),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(answers[0]?.body);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect(answers[0]?.json().error.message).toMatch(/This link doesn't work/);
  });

  it('asks for the password, locks out after 5 wrong tries from one address, then opens after the window', async () => {
    const { token } = await share.created(ana, {
      kind: 'post',
      id: posted.postId,
      password: 'open sesame',
    });
    const locked = await share.view(token);
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toEqual({
      error: { code: 'share_password_required', message: 'This link is protected by a password.' },
    });

    for (let i = 1; i <= 4; i++) {
      const wrong = await share.unlock(token, `guess ${i}`);
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields.password).toBe('Wrong password');
    }
    const fifth = await share.unlock(token, 'guess 5');
    expect(fifth.statusCode).toBe(429);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(fifth.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(fifth.json().error.message).toMatch(
      /Too many wrong passwords for this link\. Try again in \d+ minutes?\./,
    );
    // Locked out even with the right password; another address is not.
    expect((await share.unlock(token, 'open sesame')).statusCode).toBe(429);
    expect((await share.unlock(token, 'open sesame', '10.2.2.2')).statusCode).toBe(200);

    t.travel(15 * 60_000);
    const opened = await share.unlock(token, 'open sesame');
    expect(opened.statusCode, opened.body).toBe(200);
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = shareCookie(opened);

    const content = await share.view(token, cookie);
    expect(content.statusCode, content.body).toBe(200);
    expect(content.json().posts[0].html).toContain('Could you look at the deck?');
    const media = content.json().posts[0].media[0];
    // Media bytes of a password link need the unlocked cookie too.
    expect(
      (await request(t.app, { method: 'GET', url: media.playbackUrl, headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await request(t.app, { method: 'GET', url: media.playbackUrl })).statusCode).toBe(404);
    // A tampered cookie is no cookie.
    expect((await share.view(token, `${cookie.slice(0, -2)}xx`)).statusCode).toBe(401);
  });

  it('counts a view per viewer per half hour', async () => {
    const { token, link } = await share.created(ana, { kind: 'thread', id: posted.threadId });
    const first = await share.view(token);
    const cookie = shareCookie(first);
    await share.view(token, cookie);
    await share.view(token, cookie);
    let listed = (await share.list(ana, 'thread', posted.threadId)).json().links[0];
    expect(listed).toMatchObject({ id: link.id, viewCount: 1 });
    expect(listed.lastViewedAt).toBeLessThanOrEqual(t.ctx.now());
    expect(listed.lastViewedAt).toBeGreaterThan(t.ctx.now() - 10_000);
    t.travel(31 * 60_000);
    await share.view(token, cookie);
    await share.view(token); // another browser
    listed = (await share.list(ana, 'thread', posted.threadId)).json().links[0];
    expect(listed.viewCount).toBe(3);
  });

  it('takes comments only when allowed; they become posts by an outsider who gains no access', async () => {
    const closed = await share.created(ana, { kind: 'media', id: posted.mediaId });
    const refused = await share.comment(closed.token, { name: 'Vera', body: 'Nice' });
    expect(refused.statusCode).toBe(404);

    const open = await share.created(ana, { kind: 'media', id: posted.mediaId, allowComments: true });
    const bad = await share.comment(open.token, { name: ' ', body: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ name: 'Enter your name', body: 'Write a comment' });

    const first = await share.comment(open.token, {
      name: 'Vera Viewer',
      body: 'Love the **third** slide',
      atMs: 4200,
    });
    expect(first.statusCode, first.body).toBe(201);
    const cookie = shareCookie(first);
    const second = await share.comment(open.token, { name: 'Vera Viewer', body: 'And the end' }, cookie);
    expect(second.statusCode).toBe(201);

    const posts = await t.ctx.db
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.author_id')
      .select([
        'posts.id',
        'posts.via',
        'posts.media_id',
        'posts.at_ms',
        'users.role',
        'users.email',
        'users.id as uid',
      ])
      .where('posts.via', '=', 'link')
      .orderBy('posts.created_at')
      .execute();
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatchObject({ role: 'external', media_id: posted.mediaId });
    expect(Number(posts[0]?.at_ms)).toBe(4200);
    expect(posts[0]?.email).toMatch(/^viewer-.+@share\.invalid$/);
    expect(posts[1]?.uid).toBe(posts[0]?.uid);
    const people = await t.ctx.db
      .selectFrom('thread_people')
      .selectAll()
      .where('thread_id', '=', posted.threadId)
      .execute();
    expect(people.map((p) => p.user_id)).not.toContain(posts[0]?.uid);

    // Ben (a member) sees the comment in the thread.
    const thread = (
      await request(t.app, { method: 'GET', url: `/api/threads/${posted.threadId}` }, ben)
    ).json();
    expect(
      thread.posts.map((p: { bodyText?: string; bodyHtml?: string }) => p.bodyHtml ?? '').join(),
    ).toContain('<strong>third</strong>');
    // The viewer's name is remembered for the next visit.
    expect((await share.view(open.token, cookie)).json().viewerName).toBe('Vera Viewer');
  });

  it('serves captions to link viewers and records what they watched', async () => {
    const { token, link } = await share.created(ana, { kind: 'thread', id: posted.threadId });
    const now = t.ctx.now();
    const words = [
      { index: 0, text: 'hello', startMs: 0, endMs: 400, confidence: 1, edited: false },
      { index: 1, text: 'country', startMs: 500, endMs: 900, confidence: 1, edited: false },
    ];
    await t.ctx.db
      .insertInto('transcripts')
      .values({
        media_id: posted.mediaId,
        status: 'done',
        progress: null,
        message: null,
        language: 'en',
        engine: 'test',
        words: JSON.stringify(words),
        text: 'hello country',
        silences: '[]',
        created_at: now,
        updated_at: now,
        started_at: now,
        finished_at: now,
      })
      .execute();
    const content = (await share.view(token)).json();
    const media = content.posts[0].media[0];
    expect(media.transcript.words.map((w: { text: string }) => w.text)).toEqual(['hello', 'country']);
    const vtt = await request(t.app, { method: 'GET', url: media.captionsUrl });
    expect(vtt.statusCode).toBe(200);
    expect(vtt.headers['content-type']).toMatch(/text\/vtt/);
    expect(vtt.body).toMatch(/^WEBVTT/);
    expect(vtt.body).toContain('country');

    const watched = await request(t.app, {
      method: 'POST',
      url: `/api/s/${token}/views`,
      payload: { mediaId: posted.mediaId, ranges: [[0, 6000]] },
    });
    expect(watched.statusCode, watched.body).toBe(200);
    expect(watched.json()).toEqual({ watchedMs: 6000, counted: true });
    const row = await t.ctx.db.selectFrom('media_views').selectAll().executeTakeFirstOrThrow();
    expect(row.share_link_id).toBe(link.id);
    expect(row.viewer_key).toMatch(`link:${link.id}:`);
  });
});
