import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { emailsTo, linkTokenIn, outsiderSession, redeem } from '../outsiders/outsiders.test-helpers';
import { threadsApi } from './threads.test-helpers';

describe.each(databasesUnderTest())('adding people to a thread on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let cleo: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    cleo = await addMember(t.app, ana, { name: 'Cleo Member', email: 'cleo@example.com' });
    api = threadsApi(t);
  });
  afterEach(() => t.close());

  const add = (as: Session, threadId: string, payload: object) =>
    api.call('POST', `/api/threads/${threadId}/recipients`, as, payload);
  const liveTypes = async (userId: string, after = 0) =>
    (await t.ctx.live.since(userId, after)).map((e) => e.event.type);

  it('adds a member, a space and an outsider: inbox row, the thread so far by email, a working link', async () => {
    const dana = await addMember(t.app, ana, { name: 'Dana Member', email: 'dana@example.com' });
    const space = await api.space(ana, { name: 'Sales', visibility: 'private', memberIds: [dana.user.id] });
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      body: 'Opening: the plan',
    });
    await api.replied(ben, thread.id, { body: 'A middle remark' });
    await api.replied(ana, thread.id, { body: 'Middle again' });
    await api.replied(ben, thread.id, { body: 'Latest: agreed on Friday' });

    const benBefore = await t.ctx.live.latestId(ben.user.id);
    const response = await add(ana, thread.id, {
      userIds: [cleo.user.id, ben.user.id],
      spaceIds: [space.id],
      emails: ['Ann Lee <ann@client.example>'],
    });
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json();
    expect(answer.added.people.map((p: { name: string }) => p.name)).toEqual(['Cleo Member']);
    expect(answer.added.spaces.map((s: { name: string }) => s.name)).toEqual(['Sales']);
    expect(answer.added.outsiders).toEqual([expect.objectContaining({ email: 'ann@client.example' })]);
    expect(answer.alreadyIn.map((p: { name: string }) => p.name)).toEqual(['Ben Member']);
    const names = answer.thread.recipients.people.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['Ann Lee', 'Ben Member', 'Cleo Member']);

    // Members who could not see it before get an unread inbox row; a live event tells everyone.
    for (const person of [cleo, dana]) {
      const row = await api.inboxRow(person.user.id, thread.id);
      expect(row?.unread).toBe(1);
      expect(await liveTypes(person.user.id)).toEqual(
        expect.arrayContaining(['thread.updated', 'inbox.changed']),
      );
    }
    expect(await liveTypes(ben.user.id, benBefore)).toEqual(['thread.updated']);

    const [mail, ...more] = await emailsTo(t, 'ann@client.example');
    expect(more).toHaveLength(0);
    expect(mail?.text).toContain('Ana');
    expect(mail?.text).toContain('added you to this conversation');
    expect(mail?.text).toContain('> Opening: the plan');
    expect(mail?.text).toContain('2 more messages in between');
    expect(mail?.text).toContain('Latest: agreed on Friday');
    expect(mail?.replyTo?.text).toMatch(/^reply\+/);
    if (!mail) throw new Error('no email');
    const ann = await outsiderSession(t, linkTokenIn(mail));
    const seen = await api.get(ann, thread.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().posts).toHaveLength(4);

    // From now on every new post reaches them like any outsider.
    await api.replied(cleo, thread.id, { body: 'Welcome, Ann' });
    const after = await emailsTo(t, 'ann@client.example');
    expect(after).toHaveLength(2);
    expect(after.filter((m) => m.text?.includes('Welcome, Ann'))).toHaveLength(1);
  });

  it('changes nothing for people already there, and refuses what create refuses', async () => {
    const thread = await api.thread(ana, { recipients: { userIds: [ben.user.id] } });
    const benBefore = await t.ctx.live.latestId(ben.user.id);
    const again = await add(ana, thread.id, { userIds: [ben.user.id, ana.user.id] });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().added).toEqual({ people: [], spaces: [], outsiders: [] });
    expect(again.json().alreadyIn).toHaveLength(2);
    expect(await liveTypes(ben.user.id, benBefore)).not.toContain('inbox.changed');

    const empty = await add(ana, thread.id, {});
    expect(empty.statusCode).toBe(400);
    const unknown = await add(ana, thread.id, { userIds: ['no-such-person'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.recipients).toContain('no-such-person');
    const badEmail = await add(ana, thread.id, { emails: ['not an address'] });
    expect(badEmail.statusCode).toBe(400);

    // Someone who cannot see the thread learns nothing about it.
    const hidden = await add(cleo, thread.id, { userIds: [cleo.user.id] });
    expect(hidden.statusCode).toBe(404);
    const missing = await add(ana, 'no-such-thread', { userIds: [cleo.user.id] });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(hidden.json());

    // Guests may add people from the list, not email addresses.
    const gus = await addMember(t.app, ana, { name: 'Gus Guest', email: 'gus@example.com', role: 'guest' });
    const guestThread = await api.thread(ana, { recipients: { userIds: [gus.user.id] } });
    const byEmail = await add(gus, guestThread.id, { emails: ['ann@client.example'] });
    expect(byEmail.statusCode).toBe(400);
    expect(byEmail.json().error.fields.emails).toContain('Guests');
    const byGuest = await add(gus, guestThread.id, { userIds: [cleo.user.id] });
    expect(byGuest.statusCode, byGuest.body).toBe(200);
    expect(byGuest.json().added.people.map((p: { name: string }) => p.name)).toEqual(['Cleo Member']);
  });

  it('answers an outsider 404: they cannot bring others in', async () => {
    await api.thread(ana, { recipients: { emails: ['ann@client.example'] } });
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    const ann = await outsiderSession(t, linkTokenIn(mail));
    const threadId = (await t.ctx.db.selectFrom('threads').select('id').executeTakeFirstOrThrow()).id;
    const response = await add(ann, threadId, { emails: ['zoe@partner.example'] });
    expect(response.statusCode).toBe(404);
    expect(await emailsTo(t, 'zoe@partner.example')).toHaveLength(0);
  });

  it('re-adds a revoked outsider: a new email and a new link, the old link still dead', async () => {
    const thread = await api.thread(ana, { recipients: { emails: ['ann@client.example'] }, body: 'First' });
    const [first] = await emailsTo(t, 'ann@client.example');
    if (!first) throw new Error('no email');
    const oldToken = linkTokenIn(first);
    const ann = await outsiderSession(t, oldToken);
    const revoked = await api.call('DELETE', `/api/threads/${thread.id}/outsiders/${ann.user.id}`, ana);
    expect(revoked.statusCode).toBe(200);

    const again = await add(ana, thread.id, { emails: ['ann@client.example'] });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().added.outsiders).toHaveLength(1);
    const mails = await emailsTo(t, 'ann@client.example');
    expect(mails).toHaveLength(2);
    const fresh = mails.find((m) => m.text?.includes('added you to this conversation'));
    if (!fresh) throw new Error('no thread-so-far email');
    expect(linkTokenIn(fresh)).not.toBe(oldToken);
    expect((await redeem(t, oldToken)).statusCode).toBe(404);
    const back = await outsiderSession(t, linkTokenIn(fresh));
    expect((await api.get(back, thread.id)).statusCode).toBe(200);
  });
});
