import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { hashSecret } from '../../lib/ids';
import { DAY } from '../threads/threads.test-helpers';
import { shareApi } from './share-links.test-helpers';

describe.each(databasesUnderTest())('share links for members (%s)', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let cleo: Session;
  let share: ReturnType<typeof shareApi>;
  let posted: Awaited<ReturnType<ReturnType<typeof shareApi>['postedRecording']>>;

  beforeEach(async () => {
    t = await createTestApp(kind, { PUBLIC_URL: 'https://tidings.example.com' });
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    cleo = await addMember(t.app, ana, { name: 'Cleo', email: 'cleo@example.com' });
    share = shareApi(t);
    posted = await share.postedRecording(ana, ben);
  });
  afterEach(async () => t.close());

  it('makes a link once, shows its URL only then, and stores only a hash of the 256-bit token', async () => {
    const made = await share.created(ben, {
      kind: 'media',
      id: posted.mediaId,
      password: 'open sesame',
      expiresAt: t.ctx.now() + 7 * DAY,
      allowComments: true,
    });
    expect(made.url).toMatch(/^https:\/\/tidings\.example\.com\/s\/[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(made.token, 'base64url')).toHaveLength(32);
    expect(made.link).toMatchObject({
      kind: 'media',
      targetId: posted.mediaId,
      createdBy: { id: ben.user.id, name: 'Ben' },
      hasPassword: true,
      allowComments: true,
      viewCount: 0,
      lastViewedAt: null,
      revokedAt: null,
      active: true,
    });
    expect(JSON.stringify(made.link)).not.toContain(made.token);

    const row = await t.ctx.db.selectFrom('share_links').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.thread_id).toBe(posted.threadId);

    const listed = await share.list(ana, 'media', posted.mediaId);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().links).toHaveLength(1);
    expect(JSON.stringify(listed.json())).not.toContain(made.token);
  });

  it("shares posts and threads too, and lists each target's links newest first", async () => {
    const toPost = await share.created(ana, { kind: 'post', id: posted.postId });
    t.travel(1000);
    const toThread = await share.created(ana, { kind: 'thread', id: posted.threadId });
    t.travel(1000);
    const second = await share.created(ana, { kind: 'thread', id: posted.threadId, allowComments: true });
    expect(toPost.link).toMatchObject({
      kind: 'post',
      hasPassword: false,
      expiresAt: null,
      allowComments: false,
    });
    const listed = (await share.list(ben, 'thread', posted.threadId)).json().links;
    expect(listed.map((l: { id: string }) => l.id)).toEqual([second.link.id, toThread.link.id]);
  });

  it('revokes: the link stays listed, turned off', async () => {
    const made = await share.created(ana, { kind: 'thread', id: posted.threadId });
    const revoked = await share.revoke(ben, made.link.id);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false });
    expect(revoked.json().revokedAt).toBeGreaterThan(0);
    expect((await share.view(made.token)).statusCode).toBe(404);
    const listed = (await share.list(ana, 'thread', posted.threadId)).json().links;
    expect(listed[0]).toMatchObject({ id: made.link.id, active: false });
  });

  it('answers 404 to people who cannot see the target, and for targets that do not exist', async () => {
    for (const [kindOf, id] of [
      ['media', posted.mediaId],
      ['post', posted.postId],
      ['thread', posted.threadId],
    ] as const) {
      const refused = await share.create(cleo, { kind: kindOf, id });
      expect(refused.statusCode, `${kindOf}: ${refused.body}`).toBe(404);
      expect((await share.list(cleo, kindOf, id)).statusCode).toBe(404);
    }
    const unknown = await share.create(ana, { kind: 'thread', id: 'no-such-thread' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual(
      (await share.create(cleo, { kind: 'thread', id: posted.threadId })).json(),
    );
    const made = await share.created(ana, { kind: 'thread', id: posted.threadId });
    expect((await share.revoke(cleo, made.link.id)).statusCode).toBe(404);
    expect((await share.create(undefined, { kind: 'thread', id: posted.threadId })).statusCode).toBe(401);
  });

  it('refuses guests and outsiders, even on threads they can see', async () => {
    const guest = await addMember(t.app, ana, { name: 'Gus', email: 'gus@example.com', role: 'guest' });
    const thread = await shareApi(t).postedRecording(ana, guest);
    const byGuest = await share.create(guest, { kind: 'thread', id: thread.threadId });
    expect(byGuest.statusCode).toBe(403);
    expect(byGuest.json().error.message).toMatch(/Guests cannot share/);
    expect((await share.list(guest, 'thread', thread.threadId)).statusCode).toBe(403);

    // Outsiders: the HTTP layer keeps them out of member routes (the outsiders feature decides
    // how: 401/404); the use case refuses them on its own too.
    const outsider = await share.outsider();
    await t.ctx.db
      .insertInto('thread_people')
      .values({ thread_id: thread.threadId, user_id: outsider.user.id })
      .execute();
    const overHttp = await share.create(outsider, { kind: 'thread', id: thread.threadId });
    expect([401, 403, 404]).toContain(overHttp.statusCode);
    const user = await t.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', outsider.user.id)
      .executeTakeFirstOrThrow();
    const asOutsider = { user, via: 'session' as const };
    await expect(
      t.services.shareLinks.createLink(asOutsider, {
        kind: 'thread',
        id: thread.threadId,
        allowComments: false,
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      t.services.shareLinks.createLink(asOutsider, {
        kind: 'thread',
        id: posted.threadId,
        allowComments: false,
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await t.ctx.db.selectFrom('share_links').selectAll().execute()).toHaveLength(0);
  });

  it('checks passwords, expiry and recordings not yet in a thread', async () => {
    const short = await share.create(ana, { kind: 'thread', id: posted.threadId, password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.password).toMatch(/at least 8/);
    const past = await share.create(ana, { kind: 'thread', id: posted.threadId, expiresAt: t.ctx.now() - 1 });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields.expiresAt).toBe('Choose a time in the future');
    const loose = await shareApi(t).postedRecording(ana, ben);
    await t.ctx.db.updateTable('media').set({ post_id: null }).where('id', '=', loose.mediaId).execute();
    const unposted = await share.create(ana, { kind: 'media', id: loose.mediaId });
    expect(unposted.statusCode).toBe(400);
    expect(unposted.json().error.message).toMatch(/Post this recording in a thread first/);
  });
});
