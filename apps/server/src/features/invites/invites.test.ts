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

const newcomer = {
  name: 'Ben New',
  email: 'ben@example.com',
  password: 'bens long password',
  timeZone: 'Asia/Tokyo',
};

describe.each(databasesUnderTest())('invites on %s', (kind) => {
  let t: TestApp;
  let owner: Session;
  beforeEach(async () => {
    t = await createTestApp(kind, { PUBLIC_URL: 'https://tidings.example.com' });
    owner = await setUpWorkspace(t.app);
  });
  afterEach(() => t.close());

  const createInvite = (payload: object, as: Session = owner) =>
    request(t.app, { method: 'POST', url: '/api/invites', payload }, as);
  const accept = (token: string, payload: object = newcomer) =>
    request(t.app, { method: 'POST', url: `/api/invites/by-token/${token}/accept`, payload });

  it('lets an admin invite someone who then joins with the role given', async () => {
    const created = await createInvite({ role: 'admin', expiresInDays: 3 });
    expect(created.statusCode).toBe(201);
    const { token, url, invite } = created.json();
    expect(url).toBe(`https://tidings.example.com/invite/${token}`);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect(invite).toMatchObject({ role: 'admin', invitedBy: 'Ana Owner', acceptedAt: null });

    const preview = await request(t.app, { method: 'GET', url: `/api/invites/by-token/${token}` });
    expect(preview.json()).toMatchObject({
      workspaceName: 'Acme',
      role: 'admin',
      invitedBy: 'Ana Owner',
      email: null,
    });

    const joined = await accept(token);
    expect(joined.statusCode).toBe(201);
    const ben = sessionFrom(joined);
    expect(ben.user).toMatchObject({ role: 'admin', email: 'ben@example.com', timeZone: 'Asia/Tokyo' });

    const members = await request(t.app, { method: 'GET', url: '/api/members' }, ben);
    expect(members.json().members.map((m: { name: string }) => m.name)).toEqual(['Ana Owner', 'Ben New']);
    const pending = await request(t.app, { method: 'GET', url: '/api/invites' }, owner);
    expect(pending.json().invites).toEqual([]);
  });

  it('stores only a hash of the invite token', async () => {
    const { token } = (await createInvite({})).json();
    const rows = await t.ctx.db.selectFrom('invites').select('token_hash').execute();
    expect(rows[0]?.token_hash).not.toContain(token);
  });

  it('works once: a used link answers 404 and cannot make a second account', async () => {
    const { token } = (await createInvite({})).json();
    expect((await accept(token)).statusCode).toBe(201);
    const again = await accept(token, { ...newcomer, email: 'other@example.com' });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('invite_not_found');
    expect((await request(t.app, { method: 'GET', url: `/api/invites/by-token/${token}` })).statusCode).toBe(
      404,
    );
  });

  it('expires', async () => {
    const { token } = (await createInvite({ expiresInDays: 1 })).json();
    t.travel(25 * 3600 * 1000);
    expect((await accept(token)).statusCode).toBe(404);
  });

  it('can be revoked before it is used', async () => {
    const { token, invite } = (await createInvite({})).json();
    expect(
      (await request(t.app, { method: 'DELETE', url: `/api/invites/${invite.id}` }, owner)).statusCode,
    ).toBe(200);
    expect((await accept(token)).statusCode).toBe(404);
    expect(
      (await request(t.app, { method: 'DELETE', url: `/api/invites/${invite.id}` }, owner)).statusCode,
    ).toBe(404);
  });

  it('binds an invite to an email address when one is given', async () => {
    const { token } = (await createInvite({ email: 'Ben@Example.com' })).json();
    const wrong = await accept(token, { ...newcomer, email: 'mallory@example.com' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.email).toContain('ben@example.com');
    expect((await accept(token)).statusCode).toBe(201);
  });

  it('refuses an email that already has an account', async () => {
    const { token } = (await createInvite({})).json();
    const taken = await accept(token, { ...newcomer, email: 'ana@example.com' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields.email).toBeDefined();
    // The link still works for the right person.
    expect((await accept(token)).statusCode).toBe(201);
  });

  it('validates the accept form field by field', async () => {
    const { token } = (await createInvite({})).json();
    const bad = await accept(token, { name: '', email: 'x', password: 'short', timeZone: 'Mars/Olympus' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'name', 'password', 'timeZone']);
  });

  it('lets only admins and the owner invite', async () => {
    const member = await addMember(t.app, owner, { name: 'Mia Member', email: 'mia@example.com' });
    const refused = await createInvite({}, member);
    expect(refused.statusCode).toBe(403);
    expect((await request(t.app, { method: 'GET', url: '/api/invites' }, member)).statusCode).toBe(403);
    const admin = await addMember(t.app, owner, {
      name: 'Adam Admin',
      email: 'adam@example.com',
      role: 'admin',
    });
    expect((await createInvite({ role: 'guest' }, admin)).statusCode).toBe(201);
  });

  it('never lets an invite grant the owner role', async () => {
    const response = await createInvite({ role: 'owner' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.role).toBeDefined();
  });
});
