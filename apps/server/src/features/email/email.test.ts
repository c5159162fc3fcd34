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
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp-server';
import { newId } from '../../lib/ids';
import { emailLinks, unsubscribeToken } from './signed-links';
import { renderNotificationEmail } from './templates';

const PUBLIC_URL = 'https://tidings.example.com';

describe.each(databasesUnderTest())('email on %s', (kind) => {
  let t: TestApp;
  let owner: Session;
  let ben: Session;
  beforeEach(async () => {
    t = await createTestApp(kind, { PUBLIC_URL });
    owner = await setUpWorkspace(t.app);
    ben = await addMember(t.app, owner, { name: 'Ben Member', email: 'ben@example.com' });
  });
  afterEach(() => t.close());

  const channels = async (as: Session) => {
    const response = await request(t.app, { method: 'GET', url: '/api/me/delivery' }, as);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().preferences.channels;
  };
  const oneClick = (token: string) =>
    request(t.app, {
      method: 'POST',
      url: `/api/email/unsubscribe?token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });

  it('turns one kind of email off with a one-click POST, and only that kind', async () => {
    const links = await emailLinks(t.ctx, ben.user.id, 'digest');
    expect(links.preferencesUrl).toBe(`${PUBLIC_URL}/settings/delivery`);
    const url = new URL(links.unsubscribeUrl);
    expect(url.origin + url.pathname).toBe(`${PUBLIC_URL}/api/email/unsubscribe`);
    const token = url.searchParams.get('token') ?? '';

    // GET only shows the confirmation page (link scanners fetch links): nothing changes.
    const page = await request(t.app, {
      method: 'GET',
      url: `/api/email/unsubscribe?token=${encodeURIComponent(token)}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Stop digest emails');
    expect(page.body).toContain('ben@example.com');
    expect(page.body).toContain('<form method="post"');
    expect((await channels(ben)).digest.email).toBe(true);

    const done = await oneClick(token);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ ok: true, kind: 'digest' });
    const after = await channels(ben);
    expect(after.digest.email).toBe(false);
    expect(after.urgent.email).toBe(true);
    expect(after.reminder.email).toBe(true);
    expect((await channels(owner)).digest.email).toBe(true);

    // Twice is fine, and the page now says it is done.
    expect((await oneClick(token)).statusCode).toBe(200);
    const again = await request(t.app, {
      method: 'GET',
      url: `/api/email/unsubscribe?token=${encodeURIComponent(token)}`,
    });
    expect(again.body).toContain('You are unsubscribed');
  });

  it('works from the confirmation page of a signed-in browser, without a CSRF header', async () => {
    const token = await unsubscribeToken(t.ctx, ben.user.id, 'reminder');
    const response = await request(
      t.app,
      {
        method: 'POST',
        url: `/api/email/unsubscribe?token=${encodeURIComponent(token)}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          origin: PUBLIC_URL,
          'x-csrf-token': '',
        },
        payload: 'List-Unsubscribe=One-Click',
      },
      ben,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('no longer sends reminder emails');
    expect((await channels(ben)).reminder.email).toBe(false);
  });

  it('refuses tampered, foreign and unknown-account tokens', async () => {
    const token = await unsubscribeToken(t.ctx, ben.user.id, 'digest');
    const [user, , mac] = token.split('.');
    const flipped = `${mac?.slice(0, -1)}${mac?.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [
      `${user}.urgent.${mac}`, // another kind with digest's signature
      `${owner.user.id}.digest.${mac}`, // another person
      `${user}.digest.${flipped}`,
      `${user}.digest`,
      'nonsense',
      `${user}.everything.${mac}`,
    ]) {
      const response = await oneClick(bad);
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().error.message).toContain('not valid');
    }
    const page = await request(t.app, { method: 'GET', url: '/api/email/unsubscribe?token=nonsense' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('This link does not work');
    expect((await oneClick('')).statusCode).toBe(400);

    const ghost = await unsubscribeToken(t.ctx, newId(), 'digest');
    expect((await oneClick(ghost)).statusCode).toBe(404);
    expect((await channels(ben)).digest.email).toBe(true);
  });

  it('shows admins the outbox and the raw messages, and nobody else', async () => {
    const links = await emailLinks(t.ctx, ben.user.id, 'urgent');
    const rendered = renderNotificationEmail({
      ...links,
      recipient: { name: 'Ben Member', email: 'ben@example.com', timeZone: 'America/New_York' },
      reason: 'urgent',
      item: {
        threadId: 'th1',
        postId: 'p1',
        subject: 'Server is down',
        senderName: 'Ana Owner',
        expectation: 'urgent',
        dueAt: null,
        excerpt: 'Please call the host.',
        posterUrl: null,
        url: `${PUBLIC_URL}/threads/th1`,
      },
    });
    await t.ctx.mail.send({ to: 'ben@example.com', ...rendered });

    const list = await request(t.app, { method: 'GET', url: '/api/admin/outbox' }, owner);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBe(1);
    const [entry] = list.json().messages;
    expect(entry).toMatchObject({
      to: 'ben@example.com',
      subject: 'Urgent: Server is down',
      messageId: rendered.messageId,
    });
    expect(entry.size).toBeGreaterThan(500);

    const raw = await request(t.app, { method: 'GET', url: `/api/admin/outbox/${entry.id}` }, owner);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(raw.body).toContain('Subject: Urgent: Server is down');
    expect(raw.body).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    expect((await request(t.app, { method: 'GET', url: '/api/admin/outbox' }, ben)).statusCode).toBe(403);
    expect(
      (await request(t.app, { method: 'GET', url: `/api/admin/outbox/${entry.id}` }, ben)).statusCode,
    ).toBe(403);
    expect((await request(t.app, { method: 'GET', url: '/api/admin/mail-status' }, ben)).statusCode).toBe(
      403,
    );
    expect((await request(t.app, { method: 'GET', url: '/api/admin/outbox' })).statusCode).toBe(401);
    const missing = await request(
      t.app,
      { method: 'GET', url: `/api/admin/outbox/${'0'.repeat(32)}` },
      owner,
    );
    expect(missing.statusCode).toBe(404);
    expect(
      (await request(t.app, { method: 'GET', url: '/api/admin/outbox/..%2F..%2Fsecret' }, owner)).statusCode,
    ).toBe(400);

    const status = await request(t.app, { method: 'GET', url: '/api/admin/mail-status' }, owner);
    expect(status.json()).toEqual({
      transport: 'outbox',
      from: 'Tidings <tidings@tidings.example.com>',
      smtp: null,
      lastError: null,
    });
  });
});

describe('email with SMTP configured', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends through the SMTP server chosen at start-up and has no outbox', async () => {
    smtp = await startSmtpServer();
    t = await createTestApp('sqlite', {
      PUBLIC_URL,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      MAIL_FROM: 'Team Tidings <noreply@tidings.example.com>',
    });
    const owner = await setUpWorkspace(t.app);
    expect(t.ctx.mail.kind).toBe('smtp');
    await t.ctx.mail.send({
      to: 'ana@example.com',
      subject: 'Hi',
      text: 'Hello',
      html: '<p>Hello</p>',
      messageId: '<hi@tidings.example.com>',
    });
    const [received] = await smtp.waitFor(1);
    expect(received?.from).toBe('noreply@tidings.example.com');
    expect(received?.parsed.from?.value).toEqual([
      { name: 'Team Tidings', address: 'noreply@tidings.example.com' },
    ]);

    const outbox = await request(t.app, { method: 'GET', url: '/api/admin/outbox' }, owner);
    expect(outbox.statusCode).toBe(404);
    expect(outbox.json().error.message).toContain('SMTP is configured');
    const status = await request(t.app, { method: 'GET', url: '/api/admin/mail-status' }, owner);
    expect(status.json()).toMatchObject({
      transport: 'smtp',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
      lastError: null,
    });

    // A failure shows up in the status until the next success.
    await smtp.close();
    await expect(
      t.ctx.mail.send({
        to: 'a@example.com',
        subject: 'x',
        text: 'x',
        html: 'x',
        messageId: '<x@tidings.example.com>',
      }),
    ).rejects.toThrow(/could not be reached/);
    const failed = await request(t.app, { method: 'GET', url: '/api/admin/mail-status' }, owner);
    expect(failed.json().lastError.message).toContain(`127.0.0.1:${smtp.port}`);
  });
});
