import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp-server';
import { loadConfig, type SmtpConfig } from '../../config';
import { renderDigestEmail, renderNotificationEmail } from '../../features/email/templates';
import { createMailTransport } from './create-mail-transport';
import type { OutgoingMail } from './mail-transport';
import { listOutbox, readOutboxMessage } from './outbox-reader';
import { outboxId, outboxTransport } from './outbox-transport';
import { smtpTransport } from './smtp-transport';

const FROM = 'Tidings <tidings@tidings.example.com>';
const links = {
  preferencesUrl: 'https://tidings.example.com/settings/delivery',
  unsubscribeUrl: 'https://tidings.example.com/api/email/unsubscribe?token=u1.digest.sig',
};
const recipient = { name: 'Ana Owner', email: 'ana@example.com', timeZone: 'Europe/Lisbon' };
const item = {
  threadId: 'thread-1',
  postId: 'post-1',
  subject: 'Launch plan for Q3',
  senderName: 'Ben Lee',
  expectation: 'reply_by' as const,
  dueAt: Date.UTC(2026, 11, 4, 17, 0), // Friday 4 Dec 2026, 17:00 in Lisbon (UTC+0 in winter)
  excerpt: 'Can you review the budget section?\nNumbers are in the sheet.',
  posterUrl: 'https://tidings.example.com/media/m1/poster.jpg',
  url: 'https://tidings.example.com/threads/thread-1#post-1',
};

const smtpConfig = (port: number): SmtpConfig => ({
  host: '127.0.0.1',
  port,
  secure: false,
  user: null,
  password: null,
});

describe('SMTP transport, in a real SMTP conversation', () => {
  let server: TestSmtpServer;
  afterEach(() => server?.close());

  it('delivers a digest and a threaded notification with both parts, links and headers', async () => {
    server = await startSmtpServer();
    const transport = smtpTransport(smtpConfig(server.port), { from: FROM, timeoutMs: 5000 });
    const digest = renderDigestEmail({
      ...links,
      recipient,
      needsReply: [item],
      updates: [
        { ...item, postId: 'post-2', expectation: 'fyi', dueAt: null, posterUrl: null, subject: 'Notes' },
      ],
      at: Date.UTC(2026, 11, 3, 9, 0),
    });
    const notification = renderNotificationEmail({ ...links, recipient, reason: 'reminder', item });
    await transport.send({ to: recipient.email, ...digest });
    await transport.send({ to: recipient.email, ...notification });
    await transport.close();

    const [first, second] = await server.waitFor(2);
    if (!first || !second) throw new Error('expected two messages');
    expect(first.from).toBe('tidings@tidings.example.com');
    expect(first.to).toEqual(['ana@example.com']);

    const d = first.parsed;
    expect(d.subject).toBe('Your Tidings digest: 1 needs your reply, 1 update');
    expect(d.messageId).toBe(digest.messageId);
    expect(d.text).toContain('NEEDS YOUR REPLY (1)');
    expect(d.text).toContain('Reply by Fri 4 Dec, 17:00');
    expect(d.text).toContain(item.url);
    expect(d.html).toContain('Needs your reply (1)');
    expect(d.html).toContain('Updates (1)');
    expect(d.html).toContain(`href="${item.url}"`);
    expect(d.html).toContain(`src="${item.posterUrl}"`);
    expect(d.html).toContain(`href="${links.preferencesUrl}"`);
    // The raw header lines are what mail providers read; mailparser's view of them too.
    const rawHead = (first.raw.toString('utf8').split('\r\n\r\n')[0] ?? '').replace(/\r\n[ \t]+/g, ' ');
    expect(rawHead).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(rawHead).toContain(`List-Unsubscribe: <${links.unsubscribeUrl}>`);
    expect(d.headers.get('list')).toMatchObject({
      unsubscribe: { url: links.unsubscribeUrl },
      'unsubscribe-post': { name: 'List-Unsubscribe=One-Click' },
    });
    expect(String(d.headers.get('auto-submitted'))).toBe('auto-generated');

    const n = second.parsed;
    expect(n.subject).toBe('Launch plan for Q3');
    expect(n.messageId).toBe(notification.messageId);
    expect(n.inReplyTo).toBe('<thread-thread-1@tidings.example.com>');
    expect(n.references).toBe('<thread-thread-1@tidings.example.com>');
    expect(n.text).toContain('A reminder: Ben Lee asked for an answer by Fri 4 Dec, 17:00.');
    expect(n.html).toContain('Watch and reply');
  });

  it('rejects with a clear error when the server refuses the recipient, and remembers it', async () => {
    server = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      },
    });
    const transport = smtpTransport(smtpConfig(server.port), { from: FROM, timeoutMs: 5000 });
    await expect(transport.send(plainMail())).rejects.toThrow(/refused the message: 550 Mailbox unavailable/);
    expect(transport.lastError()?.message).toMatch(/550/);
    expect(server.received).toHaveLength(0);
    await transport.close();
  });

  it('rejects when the server accepts the connection but never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const transport = smtpTransport(smtpConfig(port), { from: FROM, timeoutMs: 300 });
    try {
      await expect(transport.send(plainMail())).rejects.toThrow(/did not answer in time|timeout/i);
      expect(transport.lastError()).not.toBeNull();
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('authenticates with SMTP_USER and SMTP_PASSWORD, and reports refused credentials', async () => {
    server = await startSmtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'tidings' && auth.password === 's3cret')
          return callback(null, { user: 'tidings' });
        return callback(new Error('Invalid username or password'));
      },
    });
    const good = smtpTransport(
      { ...smtpConfig(server.port), user: 'tidings', password: 's3cret' },
      { from: FROM, timeoutMs: 5000 },
    );
    await good.send(plainMail());
    expect(await server.waitFor(1)).toHaveLength(1);
    const bad = smtpTransport(
      { ...smtpConfig(server.port), user: 'tidings', password: 'wrong' },
      { from: FROM, timeoutMs: 5000 },
    );
    await expect(bad.send(plainMail())).rejects.toThrow(/refused the credentials/);
  });

  it('is chosen when SMTP_HOST is set; the outbox otherwise', () => {
    expect(createMailTransport(loadConfig({ SMTP_HOST: 'mail.example.com', SMTP_SECURE: 'yes' })).kind).toBe(
      'smtp',
    );
    const config = loadConfig({ DATA_DIR: '/tmp/tidings-x', PUBLIC_URL: 'https://chat.example.org' });
    expect(config.smtp).toBeNull();
    expect(config.mailFrom).toBe('Tidings <tidings@chat.example.org>');
    expect(createMailTransport(config).kind).toBe('outbox');
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_SECURE: 'yes', SMTP_PORT: '465' }).smtp).toMatchObject({
      secure: true,
      port: 465,
    });
  });

  it('rejects when nothing listens on the port', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const transport = smtpTransport(smtpConfig(port), { from: FROM, timeoutMs: 2000 });
    await expect(transport.send(plainMail())).rejects.toThrow(/could not be reached|ECONNREFUSED/);
  });
});

describe('outbox transport', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-outbox-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one parseable .eml per Message-ID, even when sent twice', async () => {
    const transport = outboxTransport(dir, { from: FROM });
    const notification = renderNotificationEmail({ ...links, recipient, reason: 'urgent', item });
    const mail = { to: recipient.email, ...notification, date: Date.UTC(2026, 11, 3, 9, 0) };
    await transport.send(mail);
    await transport.send(mail);
    await transport.send({ ...plainMail(), subject: 'Another' });

    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files).toContain(`${outboxId(notification.messageId)}.eml`);

    const raw = await readOutboxMessage(dir, outboxId(notification.messageId));
    if (!raw) throw new Error('message missing');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Urgent: Launch plan for Q3');
    expect(parsed.messageId).toBe(notification.messageId);
    expect(parsed.inReplyTo).toBe('<thread-thread-1@tidings.example.com>');
    expect(parsed.html).toContain('marked this urgent');
    expect(parsed.text).toContain('Ben Lee marked this urgent');

    const { entries, total } = await listOutbox(dir, 10);
    expect(total).toBe(2);
    const entry = entries.find((e) => e.messageId === notification.messageId);
    expect(entry).toMatchObject({
      to: 'ana@example.com',
      subject: 'Urgent: Launch plan for Q3',
      date: mail.date,
    });
    expect(entry?.size).toBe(raw.length);
    expect(await readOutboxMessage(dir, '../../etc/passwd')).toBeNull();
  });

  it('keeps non-ASCII subjects intact through encoding and listing', async () => {
    const transport = outboxTransport(dir, { from: FROM });
    await transport.send({ ...plainMail(), subject: 'Orçamento — revisão 🚀 <b>já</b>' });
    const { entries } = await listOutbox(dir, 10);
    expect(entries[0]?.subject).toBe('Orçamento — revisão 🚀 <b>já</b>');
  });
});

function plainMail(): OutgoingMail {
  return {
    to: 'ana@example.com',
    subject: 'Hello',
    text: 'Hello there',
    html: '<p>Hello there</p>',
    messageId: `<plain-${Math.random().toString(36).slice(2)}@tidings.example.com>`,
  };
}
