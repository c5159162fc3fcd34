import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  sessionFrom,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';
import {
  emailsTo,
  linkTokenIn,
  outsiderSession,
  redeem,
  threadToEmails,
} from '../outsiders/outsiders.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';

describe.each(databasesUnderTest())('inviting an outsider to become a member on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
  });
  afterEach(() => t.close());

  it('turns the outsider into a member: same person, posts, threads and receipts kept, links revoked', async () => {
    const api = threadsApi(t);
    const thread = await threadToEmails(t, ana, ['Ann Lee <ann@client.example>'], {
      body: 'Welcome aboard?',
    });
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    const token = linkTokenIn(mail);
    const asOutsider = await outsiderSession(t, token);
    const reply = await api.replied(asOutsider, thread.id, { body: 'Happy to join.' });
    await api.call('POST', `/api/threads/${thread.id}/read`, asOutsider);
    const outsiderId = asOutsider.user.id;

    const invite = await request(
      t.app,
      { method: 'POST', url: '/api/invites', payload: { role: 'member', email: 'ann@client.example' } },
      ana,
    );
    expect(invite.statusCode, invite.body).toBe(201);
    const accepted = await request(t.app, {
      method: 'POST',
      url: `/api/invites/by-token/${invite.json().token}/accept`,
      payload: {
        name: 'Ann Lee-Smith',
        email: 'ann@client.example',
        password: 'anns long password',
        timeZone: 'America/New_York',
      },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const ann = sessionFrom(accepted);
    expect(ann.user).toMatchObject({
      id: outsiderId,
      role: 'member',
      name: 'Ann Lee-Smith',
      timeZone: 'America/New_York',
    });
    expect(
      await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'ann@client.example').execute(),
    ).toHaveLength(1);

    // Their thread, their post and their receipt are still theirs.
    const seen = await api.get(ann, thread.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().posts.find((p: { id: string }) => p.id === reply.id)?.author.id).toBe(outsiderId);
    const receipts = await t.ctx.db
      .selectFrom('post_receipts')
      .select('user_id')
      .where('user_id', '=', outsiderId)
      .execute();
    expect(receipts.length).toBeGreaterThan(0);

    // The private link and the link session are gone; they sign in with their password now.
    expect((await redeem(t, token)).statusCode).toBe(404);
    expect((await api.get(asOutsider, thread.id)).statusCode).toBe(401);
    const live = await t.ctx.db
      .selectFrom('external_links')
      .select('id')
      .where('user_id', '=', outsiderId)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toHaveLength(0);
    const signIn = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'ann@client.example', password: 'anns long password' },
    });
    expect(signIn.statusCode).toBe(200);
    // A member now: in the member list, and routes outsiders never reach answer them.
    const members = await request(t.app, { method: 'GET', url: '/api/members' }, ann);
    expect(members.statusCode).toBe(200);
    expect(members.json().members.map((m: { name: string }) => m.name)).toContain('Ann Lee-Smith');
  });

  it('still refuses an invite to a member’s address, and accepting one for it', async () => {
    await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    const invite = await request(
      t.app,
      { method: 'POST', url: '/api/invites', payload: { role: 'member', email: 'ben@example.com' } },
      ana,
    );
    expect(invite.statusCode).toBe(409);
    const open = await request(
      t.app,
      { method: 'POST', url: '/api/invites', payload: { role: 'member' } },
      ana,
    );
    const accepted = await request(t.app, {
      method: 'POST',
      url: `/api/invites/by-token/${open.json().token}/accept`,
      payload: { name: 'Ben Again', email: 'ben@example.com', password: 'a long password!', timeZone: 'UTC' },
    });
    expect(accepted.statusCode).toBe(409);
  });
});
