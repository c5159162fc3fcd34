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
import { hashSecret } from '../../lib/ids';
import { testMedia } from '../playback/playback.test-helpers';
import { DAY, threadsApi } from '../threads/threads.test-helpers';
import { emailsTo, linkTokenIn, outsiderSession, redeem, threadToEmails } from './outsiders.test-helpers';

describe.each(databasesUnderTest())('outsiders on %s', (kind) => {
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

  const userByEmail = (email: string) =>
    t.ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

  const addTranscript = (mediaId: string, text: string) =>
    t.ctx.db
      .insertInto('transcripts')
      .values({
        media_id: mediaId,
        status: 'done',
        progress: 1,
        message: null,
        language: 'en',
        engine: 'test',
        words: '[]',
        text,
        silences: null,
        created_at: t.ctx.now(),
        updated_at: t.ctx.now(),
        started_at: t.ctx.now(),
        finished_at: t.ctx.now(),
      })
      .execute();

  it('addresses a member by their email, and creates an outsider for any other address', async () => {
    const thread = await threadToEmails(t, ana, [
      'BEN@example.com',
      'Ann Lee <ann@client.example>',
      'zoe@partner.example',
    ]);
    const names = thread.recipients.people.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['Ann Lee', 'Ben Member', 'zoe']);
    const ann = await userByEmail('ann@client.example');
    expect(ann).toMatchObject({ role: 'external', password_hash: '', time_zone: 'Europe/Lisbon' });
    // The same address again finds the same outsider.
    await threadToEmails(t, ben, ['ann@client.example']);
    const anns = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ann@client.example')
      .execute();
    expect(anns).toHaveLength(1);
    // Outsiders are not members: the member list leaves them out.
    const members = await request(t.app, { method: 'GET', url: '/api/members' }, ana);
    expect(members.json().members.map((m: { email: string }) => m.email)).not.toContain('ann@client.example');
  });

  it('refuses bad addresses and guests with field messages', async () => {
    const bad = await api.startThread(ana, { recipients: { emails: ['not an address'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['recipients.emails.0']).toContain('email address');
    const gus = await addMember(t.app, ana, { name: 'Gus Guest', email: 'gus@example.com', role: 'guest' });
    const byGuest = await api.startThread(gus, { recipients: { emails: ['ann@client.example'] } });
    expect(byGuest.statusCode).toBe(400);
    expect(byGuest.json().error.fields['recipients.emails']).toContain('Guests');
    expect(await userByEmail('ann@client.example')).toBeUndefined();
    const tooMany = await api.startThread(ana, {
      recipients: { emails: Array.from({ length: 51 }, (_, i) => `p${i}@x.example`) },
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('emails a recording to an outsider at once: transcript, poster without a session, private link, Reply-To', async () => {
    const media = testMedia(t);
    const video = await media.add(ana);
    await addTranscript(video.id, 'The country launch moves to thursday');
    const thread = await threadToEmails(t, ana, ['Ann Lee <ann@client.example>'], {
      body: 'Voice note',
      mediaIds: [video.id],
      expectation: { kind: 'reply' },
    });
    const [mail, ...more] = await emailsTo(t, 'ann@client.example');
    expect(more).toHaveLength(0);
    if (!mail) throw new Error('no email to the outsider');
    expect(mail.subject).toBe('Slides for Friday');
    expect(mail.text).toContain('Ana Owner sent you a video message');
    expect(mail.text).toContain('The country launch moves to thursday');
    expect(mail.text).toContain('Reply to this email to answer in the thread');
    const replyTo = mail.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^reply\+[A-Za-z0-9_-]{43}@/);
    const token = linkTokenIn(mail);
    expect(mail.html).toContain(`/x/${token}#post-${thread.posts[0].id}`);
    // No tracking pixel: the only image is the poster, and its URL names no reader.
    const images = [...String(mail.html).matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(images).toHaveLength(1);
    const poster = new URL((images[0] ?? '').replaceAll('&amp;', '&'));
    expect(poster.pathname).toBe(`/email-poster/${video.id}`);
    const loaded = await request(t.app, { method: 'GET', url: poster.pathname + poster.search });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.headers['content-type']).toContain('image/jpeg');
    const forged = await request(t.app, { method: 'GET', url: `${poster.pathname}?exp=99999999999&sig=abc` });
    expect(forged.statusCode).toBe(404);
    // Only hashes are stored: neither the link token nor the reply token is in the database.
    const links = await t.ctx.db.selectFrom('external_links').selectAll().execute();
    expect(links).toHaveLength(1);
    expect(links[0]?.token_hash).toBe(hashSecret(token));
    expect(JSON.stringify(links)).not.toContain(token);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const replyToken = /^reply\+([^@]+)@/.exec(replyTo)?.[1] ?? '';
    const replyRows = await t.ctx.db.selectFrom('reply_addresses').selectAll().execute();
    expect(replyRows.map((r) => r.token_hash)).toContain(hashSecret(replyToken));
    expect(JSON.stringify(replyRows)).not.toContain(replyToken);
  });

  it('puts Reply-To and the reply hint on members’ emails too, with the transcript of a bare voice note', async () => {
    const video = await testMedia(t).add(ana);
    await addTranscript(video.id, 'Budget review on thursday');
    await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      body: 'Voice note',
      mediaIds: [video.id],
      expectation: { kind: 'urgent', urgentReason: 'Launch blocked', interruptOutsideHours: true },
    });
    const mails = await emailsTo(t, 'ben@example.com');
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.replyTo?.value[0]?.address).toMatch(/^reply\+[A-Za-z0-9_-]{43}@/);
      expect(mail.text).toContain('Reply to this email to answer in the thread');
      expect(mail.text).toContain('Budget review on thursday');
      expect(mail.text).not.toContain('Voice note');
    }
    const inbox = await request(t.app, { method: 'GET', url: '/api/inbox?section=needs_reply' }, ben);
    expect(inbox.json().items[0].excerpt).toBe('Budget review on thursday');
  });

  it('redeems a link into a session that reads and replies; sign-in with their email fails like a wrong password', async () => {
    const thread = await threadToEmails(t, ana, ['ann@client.example', 'ben@example.com'], {
      body: 'Can you check the draft?',
    });
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    expect(mail.text).toContain('Can you check the draft?');
    const ann = await outsiderSession(t, linkTokenIn(mail));
    expect(ann.user.role).toBe('external');
    const read = await api.get(ann, thread.id);
    expect(read.statusCode).toBe(200);
    expect(read.json().posts[0].bodyMarkdown).toBe('Can you check the draft?');
    const reply = await api.replied(ann, thread.id, { body: 'Looks good to me' });
    expect(reply.author.name).toBe('ann');
    expect(reply.via).toBe('link');
    expect(
      (await api.get(ana, thread.id)).json().posts.map((p: { bodyMarkdown: string }) => p.bodyMarkdown),
    ).toContain('Looks good to me');
    const me = await request(t.app, { method: 'GET', url: '/api/outsiders/me' }, ann);
    expect(me.json().invitations).toEqual([
      { threadId: thread.id, invitedBy: expect.objectContaining({ name: 'Ana Owner' }) },
    ]);
    // The member's copy of a fresh link works too; the first one keeps working.
    const fresh = await request(
      t.app,
      { method: 'POST', url: `/api/threads/${thread.id}/outsiders/${ann.user.id}/links` },
      ben,
    );
    expect(fresh.statusCode).toBe(201);
    expect((await redeem(t, String(fresh.json().url).split('/x/')[1] ?? '')).statusCode).toBe(200);
    expect((await redeem(t, linkTokenIn(mail))).statusCode).toBe(200);

    for (const password of ['', 'anything at all']) {
      const signIn = await request(t.app, {
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'ann@client.example', password },
      });
      expect([400, 401]).toContain(signIn.statusCode);
    }
    const wrong = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'ann@client.example', password: 'a long wrong password' },
    });
    const unknown = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@client.example', password: 'a long wrong password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('revokes: every link of theirs to the thread dies, their session gets 401, and nothing is exposed', async () => {
    const thread = await threadToEmails(t, ana, ['ann@client.example', 'ben@example.com'], {
      body: 'Secret plans',
    });
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    const token = linkTokenIn(mail);
    const ann = await outsiderSession(t, token);
    const listed = await request(t.app, { method: 'GET', url: `/api/threads/${thread.id}/outsiders` }, ben);
    expect(listed.json().outsiders).toEqual([
      expect.objectContaining({
        email: 'ann@client.example',
        invitedBy: expect.objectContaining({ name: 'Ana Owner' }),
      }),
    ]);
    const revoked = await request(
      t.app,
      { method: 'DELETE', url: `/api/threads/${thread.id}/outsiders/${ann.user.id}` },
      ben,
    );
    expect(revoked.statusCode).toBe(200);
    const after = await api.get(ann, thread.id);
    expect(after.statusCode).toBe(401);
    expect(after.body).not.toContain('Secret');
    const again = await redeem(t, token);
    const unknown = await redeem(t, 'A'.repeat(43));
    expect(again.statusCode).toBe(404);
    expect(again.json()).toEqual(unknown.json());
    expect(again.body).not.toMatch(/Secret|Ana|Slides/);
    // No longer addressed: the next post sends them nothing.
    await api.replied(ana, thread.id, { body: 'Second secret' });
    expect(await emailsTo(t, 'ann@client.example')).toHaveLength(1);
  });

  it('idles out after the workspace setting, and the session with it', async () => {
    const settings = await request(
      t.app,
      { method: 'PATCH', url: '/api/workspace/settings', payload: { externalLinkIdleDays: 3 } },
      ana,
    );
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json().externalLinkIdleDays).toBe(3);
    const patch = (payload: object, as = ana) =>
      request(t.app, { method: 'PATCH', url: '/api/workspace/settings', payload }, as);
    const zero = await patch({ externalLinkIdleDays: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields.externalLinkIdleDays).toBe('At least 1 day');
    expect((await patch({ namedReceipts: false })).json()).toMatchObject({
      namedReceipts: false,
      externalLinkIdleDays: 3,
    });
    expect((await patch({ externalLinkIdleDays: 9 }, ben)).statusCode).toBe(403);
    const thread = await threadToEmails(t, ana, ['ann@client.example']);
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    const ann = await outsiderSession(t, linkTokenIn(mail));
    t.travel(2 * DAY);
    expect((await api.get(ann, thread.id)).statusCode).toBe(200);
    // Using the session kept the link alive: 2 more days are still inside 3 idle days.
    t.travel(2 * DAY);
    expect((await api.get(ann, thread.id)).statusCode).toBe(200);
    t.travel(3 * DAY + 1000);
    expect((await api.get(ann, thread.id)).statusCode).toBe(401);
    expect((await redeem(t, linkTokenIn(mail))).statusCode).toBe(404);
  });
});
