import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  createTestApp,
  OWNER,
  request,
  type Session,
  sessionFrom,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';

describe.each(databasesUnderTest())('accounts on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind, { SIGN_IN_LIMIT_PER_ACCOUNT: '3', SIGN_IN_LIMIT_PER_IP: '5' });
  });
  afterEach(() => t.close());

  const signIn = (email: string, password: string, ip = '10.0.0.1') =>
    request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('runs first-run setup once, then asks people to sign in', async () => {
    expect((await request(t.app, { method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: true });
    const owner = await setUpWorkspace(t.app);
    expect(owner.user).toMatchObject({ role: 'owner', email: OWNER.email, timeZone: 'Europe/Lisbon' });
    expect((await request(t.app, { method: 'GET', url: '/api/setup' })).json()).toEqual({
      needsSetup: false,
    });

    const again = await request(t.app, {
      method: 'POST',
      url: '/api/setup',
      payload: { workspaceName: 'Evil', name: 'Eve', email: 'eve@example.com', password: 'long enough pass' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('stores the password as argon2id and the session only as a hash', async () => {
    const owner = await setUpWorkspace(t.app);
    const user = await t.ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const cookieValue = owner.cookie.split('=')[1];
    const sessions = await t.ctx.db.selectFrom('sessions').select('id').execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id).not.toBe(cookieValue);
  });

  it('signs in with the right password, case-insensitive email, and sets a safe cookie', async () => {
    await setUpWorkspace(t.app);
    const response = await signIn('ANA@Example.com', OWNER.password);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const session = sessionFrom(response);
    const me = await request(t.app, { method: 'GET', url: '/api/auth/session' }, session);
    expect(me.json().user.email).toBe(OWNER.email);
    expect(me.json().workspace.name).toBe('Acme');
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    await setUpWorkspace(t.app);
    const wrong = await signIn(OWNER.email, 'not the password');
    const unknown = await signIn('nobody@example.com', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.message).toBe('Wrong email or password.');
  });

  it('rate-limits failed sign-ins per account, even with the right password afterwards', async () => {
    await setUpWorkspace(t.app);
    for (let i = 0; i < 3; i++)
      expect((await signIn(OWNER.email, 'guess', `10.0.1.${i}`)).statusCode).toBe(401);
    const blocked = await signIn(OWNER.email, OWNER.password, '10.0.2.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    t.travel(16 * 60 * 1000);
    expect((await signIn(OWNER.email, OWNER.password, '10.0.2.1')).statusCode).toBe(200);
  });

  it('rate-limits failed sign-ins per IP across accounts', async () => {
    await setUpWorkspace(t.app);
    for (let i = 0; i < 5; i++) await signIn(`person${i}@example.com`, 'guess', '10.9.9.9');
    expect((await signIn(OWNER.email, OWNER.password, '10.9.9.9')).statusCode).toBe(429);
    expect((await signIn(OWNER.email, OWNER.password, '10.9.9.10')).statusCode).toBe(200);
  });

  describe('with a session', () => {
    let owner: Session;
    beforeEach(async () => {
      owner = await setUpWorkspace(t.app);
    });

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const missing = await request(t.app, {
        method: 'PATCH',
        url: '/api/me',
        payload: { name: 'Hacked' },
        headers: { cookie: owner.cookie },
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().error.code).toBe('csrf_token_invalid');
      const forged = await request(t.app, {
        method: 'PATCH',
        url: '/api/me',
        payload: { name: 'Hacked' },
        headers: { cookie: owner.cookie, 'x-csrf-token': 'x'.repeat(43) },
      });
      expect(forged.statusCode).toBe(403);
      const ok = await request(t.app, { method: 'PATCH', url: '/api/me', payload: { name: 'Ana B' } }, owner);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().name).toBe('Ana B');
    });

    it('refuses a sign-in posted from another site', async () => {
      const response = await request(t.app, {
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: OWNER.email, password: OWNER.password },
        headers: { origin: 'https://evil.example' },
      });
      expect(response.statusCode).toBe(403);
    });

    it('signs out: the cookie stops working', async () => {
      const out = await request(t.app, { method: 'POST', url: '/api/auth/sign-out' }, owner);
      expect(out.statusCode).toBe(200);
      expect(String(out.headers['set-cookie'])).toContain('tidings_session=;');
      const me = await request(t.app, { method: 'GET', url: '/api/auth/session' }, owner);
      expect(me.statusCode).toBe(401);
      expect(me.json().error.code).toBe('unauthenticated');
    });

    it('expires a session left unused past its lifetime', async () => {
      t.travel(31 * 24 * 3600 * 1000);
      expect((await request(t.app, { method: 'GET', url: '/api/auth/session' }, owner)).statusCode).toBe(401);
    });

    it('changes the password, which signs out other sessions', async () => {
      const other = sessionFrom(await signIn(OWNER.email, OWNER.password));
      const wrong = await request(
        t.app,
        {
          method: 'POST',
          url: '/api/me/password',
          payload: { currentPassword: 'nope', newPassword: 'a brand new password' },
        },
        owner,
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields.currentPassword).toBeDefined();
      const changed = await request(
        t.app,
        {
          method: 'POST',
          url: '/api/me/password',
          payload: { currentPassword: OWNER.password, newPassword: 'a brand new password' },
        },
        owner,
      );
      expect(changed.statusCode).toBe(200);
      expect((await request(t.app, { method: 'GET', url: '/api/auth/session' }, other)).statusCode).toBe(401);
      expect((await request(t.app, { method: 'GET', url: '/api/auth/session' }, owner)).statusCode).toBe(200);
      expect((await signIn(OWNER.email, 'a brand new password')).statusCode).toBe(200);
    });
  });
});
