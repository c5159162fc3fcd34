import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import type { Session, TestApp } from '../../../test/harness';
import type { SmtpListener } from '../../adapters/mail-in/smtp-listener';
import { loadConfig } from '../../config';
import { newId, newSecret } from '../../lib/ids';
import { threadsApi } from '../threads/threads.test-helpers';
import { composeMail, type SmtpReply, smtpConversation, swaks } from './inbound-mail.test-helpers';
import { mintReplyAddress } from './reply-addresses';
import { startReplyScene } from './reply-scene.test-helper';
import { startInboundMail } from './start-inbound-mail';

const MINUTE = 60_000;

/** Connects and reads the first reply (the greeting, or a refusal); `closed` settles when the server hangs up. */
async function connect(
  port: number,
): Promise<{ first: SmtpReply; socket: net.Socket; closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const first = await new Promise<SmtpReply>((resolve, reject) => {
    let text = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\r\n');
      if (end !== -1) resolve({ code: Number(text.slice(0, 3)), text: text.slice(4, end) });
    });
  });
  return { first, socket, closed };
}

describe.each(databasesUnderTest())('inbound SMTP limits on %s', (kind) => {
  let t: TestApp;
  let smtp: SmtpListener;
  let ana: Session;
  let ben: Session;
  let threadId: string;
  let benAddress: string;
  const sockets: net.Socket[] = [];

  async function setUp(env: Record<string, string>) {
    ({ t, smtp, ana, ben, threadId, benAddress } = await startReplyScene(kind, env));
  }
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await smtp.close();
    await t.close();
  });

  /** Moves the clock to just after the start of a fixed window, so the test does not straddle two. */
  const startOfWindow = (windowMs: number) => t.travel(windowMs - (t.ctx.now() % windowMs) + 1000);
  const postCount = async () => (await threadsApi(t).get(ana, threadId)).json().posts.length as number;
  const replyFromBen = (text: string, headers: Record<string, string> = {}) =>
    composeMail({
      from: 'Ben Porter <ben@example.com>',
      to: benAddress,
      subject: 'Re: Slides for Friday',
      messageId: `<${newId()}@mail.example.com>`,
      text,
      headers,
    });
  const send = async (raw: Buffer | null, envelope: { from?: string; to?: string } = {}) =>
    (await smtpConversation(smtp.port, { from: 'ben@example.com', to: benAddress, ...envelope }, raw)).last;
  const forged = () => `reply+${newSecret()}@reply.tidings.test`;

  it('answers the connection over the per-client limit with 421 and closes it; a closed one frees a place', async () => {
    await setUp({ SMTP_IN_MAX_CONNECTIONS_PER_IP: '3' });
    const open = [await connect(smtp.port), await connect(smtp.port), await connect(smtp.port)];
    sockets.push(...open.map((c) => c.socket));
    expect(open.map((c) => c.first.code)).toEqual([220, 220, 220]);

    const refused = await connect(smtp.port);
    sockets.push(refused.socket);
    expect(refused.first).toEqual({
      code: 421,
      text: '4.7.0 Too many connections from your address, try again later',
    });
    await refused.closed;

    open[0]?.socket.end('QUIT\r\n');
    await open[0]?.closed;
    // The listener releases the place once it has seen the close.
    await vi.waitFor(async () => {
      const again = await connect(smtp.port);
      sockets.push(again.socket);
      expect(again.first.code).toBe(220);
    });
    // swaks, as an operator would try it, is told the same.
    const swaksRun = await swaks(smtp.port, [
      '--to',
      forged(),
      '--from',
      'ben@example.com',
      '--quit-after',
      'RCPT',
    ]);
    expect(swaksRun.output).toMatch(/421 4\.7\.0 Too many connections/);
  });

  it('refuses connections over the per-minute limit until the next minute', async () => {
    await setUp({ SMTP_IN_CONNECTIONS_PER_MINUTE: '3' });
    startOfWindow(MINUTE);
    for (let i = 0; i < 3; i++) {
      const reply = await send(await replyFromBen(`Reply ${i}`));
      expect(reply.code).toBe(250);
    }
    const refused = await connect(smtp.port);
    sockets.push(refused.socket);
    expect(refused.first.code).toBe(421);
    expect(refused.first.text).toMatch(/^4\.7\.0 Too many connections from your address/);
    await refused.closed;
    expect(await postCount()).toBe(4);

    t.travel(MINUTE);
    expect((await send(await replyFromBen('A minute later'))).code).toBe(250);
    expect(await postCount()).toBe(5);
  });

  it('after K refused reply addresses answers 450 to every recipient, even a valid one, until the window ends', async () => {
    await setUp({ SMTP_IN_FAILED_RECIPIENTS_PER_15MIN: '3' });
    startOfWindow(15 * MINUTE);
    const warn = vi.spyOn(t.ctx.log, 'warn');
    expect((await send(null, { to: forged() })).code).toBe(550);
    // Someone else's sender on a real address counts as a failure too.
    expect((await send(null, { from: 'mallory@example.net' })).code).toBe(550);
    expect((await send(null, { to: forged() })).text).toMatch(/^5\.1\.1 /);

    const blocked = await send(null, { to: forged() });
    expect(blocked).toEqual({
      code: 450,
      text: '4.7.1 Too many unknown recipients from your address, try again later',
    });
    expect((await send(await replyFromBen('Let me in'))).code).toBe(450);
    expect(await postCount()).toBe(1);
    const logged = warn.mock.calls.filter(([, msg]) =>
      String(msg).includes('too many refused reply addresses'),
    );
    expect(logged).toHaveLength(1);

    // Counted in the database: another listener (another smtp node) refuses this client too.
    const other = await startInboundMail(t.ctx, 0);
    try {
      const reply = await smtpConversation(other.port, { from: 'ben@example.com', to: benAddress }, null);
      expect(reply.last.code).toBe(450);
    } finally {
      await other.close();
    }

    t.travel(15 * MINUTE);
    expect((await send(await replyFromBen('Fifteen minutes later'))).code).toBe(250);
    expect(await postCount()).toBe(2);
  });

  it('answers 452 to the message past the per-address hourly limit and posts nothing; automatic mail does not count', async () => {
    await setUp({ SMTP_IN_MESSAGES_PER_ADDRESS_PER_HOUR: '2' });
    startOfWindow(60 * MINUTE);
    const vacation = await replyFromBen('I am away', { 'Auto-Submitted': 'auto-replied' });
    expect((await send(vacation)).code).toBe(250);
    expect((await send(await replyFromBen('First'))).code).toBe(250);
    expect((await send(await replyFromBen('Second'))).code).toBe(250);
    expect(await postCount()).toBe(3);

    const third = await send(await replyFromBen('Third'));
    expect(third).toEqual({ code: 452, text: '4.5.3 Too many messages to this address, try again later' });
    expect(await postCount()).toBe(3);

    // The limit is per reply address: Ben's reply to a newer notification goes through.
    const newer = await mintReplyAddress(t.ctx, ben.user.id, threadId);
    const raw = await composeMail({
      from: 'ben@example.com',
      to: newer,
      subject: 'Re',
      text: 'Other address',
    });
    expect((await send(raw, { to: newer })).code).toBe(250);
    expect(await postCount()).toBe(4);

    t.travel(60 * MINUTE);
    expect((await send(await replyFromBen('An hour later'))).code).toBe(250);
    expect(await postCount()).toBe(5);
  });

  it('exempts SMTP_IN_TRUSTED_NETWORKS from the per-client limits', async () => {
    await setUp({
      SMTP_IN_TRUSTED_NETWORKS: '10.0.0.0/8, 127.0.0.0/8',
      SMTP_IN_MAX_CONNECTIONS_PER_IP: '1',
      SMTP_IN_CONNECTIONS_PER_MINUTE: '1',
      SMTP_IN_FAILED_RECIPIENTS_PER_15MIN: '1',
    });
    const open = [await connect(smtp.port), await connect(smtp.port)];
    sockets.push(...open.map((c) => c.socket));
    expect(open.map((c) => c.first.code)).toEqual([220, 220]);
    for (let i = 0; i < 3; i++) expect((await send(null, { to: forged() })).code).toBe(550);
    expect((await send(await replyFromBen('Through the relay'))).code).toBe(250);
    expect(await postCount()).toBe(2);
  });
});

describe('inbound SMTP limit settings', () => {
  it('have defaults that leave room for real mail servers', () => {
    expect(loadConfig({}).inboundMail.limits).toEqual({
      connectionsPerIp: 10,
      connectionsPerMinute: 60,
      failedRecipientsPer15Min: 20,
      messagesPerAddressPerHour: 30,
      trustedNetworks: [],
    });
  });

  it('read SMTP_IN_TRUSTED_NETWORKS as a list and refuse anything that is not a network', () => {
    const config = loadConfig({ SMTP_IN_TRUSTED_NETWORKS: '192.0.2.0/24, 2001:db8::/32' });
    expect(config.inboundMail.limits.trustedNetworks).toEqual(['192.0.2.0/24', '2001:db8::/32']);
    expect(() => loadConfig({ SMTP_IN_TRUSTED_NETWORKS: '192.0.2.0/24,mx.example.com' })).toThrow(
      /SMTP_IN_TRUSTED_NETWORKS: Comma-separated networks/,
    );
    expect(() => loadConfig({ SMTP_IN_MAX_CONNECTIONS_PER_IP: '0' })).toThrow(
      /SMTP_IN_MAX_CONNECTIONS_PER_IP/,
    );
  });
});
