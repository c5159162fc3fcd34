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

describe.each(databasesUnderTest())('personal API tokens on %s', (kind) => {
  let t: TestApp;
  let owner: Session;
  beforeEach(async () => {
    t = await createTestApp(kind);
    owner = await setUpWorkspace(t.app);
  });
  afterEach(() => t.close());

  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it('creates a token shown once, stored hashed, usable without cookie or CSRF token', async () => {
    const created = await request(
      t.app,
      { method: 'POST', url: '/api/tokens', payload: { name: 'deploy script' } },
      owner,
    );
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^tid_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const stored = await t.ctx.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret.slice(4));

    const me = await request(t.app, { method: 'GET', url: '/api/auth/session', headers: bearer(secret) });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('ana@example.com');
    const write = await request(t.app, {
      method: 'PATCH',
      url: '/api/me',
      payload: { timeZone: 'Asia/Tokyo' },
      headers: bearer(secret),
    });
    expect(write.statusCode).toBe(200);

    const list = await request(t.app, { method: 'GET', url: '/api/tokens' }, owner);
    expect(list.json().tokens).toHaveLength(1);
    expect(list.json().tokens[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.json())).not.toContain(secret);
  });

  it('refuses a revoked or made-up token with 401', async () => {
    const { secret, token } = (
      await request(t.app, { method: 'POST', url: '/api/tokens', payload: { name: 'ci' } }, owner)
    ).json();
    expect(
      (await request(t.app, { method: 'DELETE', url: `/api/tokens/${token.id}` }, owner)).statusCode,
    ).toBe(200);
    const revoked = await request(t.app, { method: 'GET', url: '/api/members', headers: bearer(secret) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('invalid_token');
    expect(
      (await request(t.app, { method: 'GET', url: '/api/members', headers: bearer('tid_madeup') }))
        .statusCode,
    ).toBe(401);
  });

  it("does not let one person revoke another's token", async () => {
    const { token } = (
      await request(t.app, { method: 'POST', url: '/api/tokens', payload: { name: 'mine' } }, owner)
    ).json();
    const mia = await addMember(t.app, owner, { name: 'Mia Member', email: 'mia@example.com' });
    expect((await request(t.app, { method: 'DELETE', url: `/api/tokens/${token.id}` }, mia)).statusCode).toBe(
      404,
    );
    expect((await request(t.app, { method: 'GET', url: '/api/tokens' }, owner)).json().tokens).toHaveLength(
      1,
    );
  });

  it('requires a name', async () => {
    const response = await request(
      t.app,
      { method: 'POST', url: '/api/tokens', payload: { name: '  ' } },
      owner,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.name).toBeDefined();
  });
});
