import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, request, type Session, type TestApp } from '../../../test/harness';
import type { SmtpListener } from '../../adapters/mail-in/smtp-listener';
import { newId, newSecret } from '../../lib/ids';
import { drainJobs } from '../media/media.test-helpers';
import { spokenAudio } from '../media/processing/fixtures.test-helper';
import { mintPrivateLink } from '../outsiders/outsiders.service';
import { emailsTo, outsiderSession, threadToEmails } from '../outsiders/outsiders.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';
import { composeMail, GMAIL_REPLY, PDF, smtpConversation, swaks } from './inbound-mail.test-helpers';
import { mintReplyAddress } from './reply-addresses';
import { startReplyScene } from './reply-scene.test-helper';

const MAX_BYTES = 2 * 1024 * 1024;
let dir: string;
let memo: Buffer;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-inbound-'));
  memo = spokenAudio(dir, 'president obama spoke about the economy', 'm4a');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(databasesUnderTest())('reply by email on %s', (kind) => {
  let t: TestApp;
  let smtp: SmtpListener;
  let ana: Session;
  let ben: Session;
  let cy: Session;
  let threadId: string;
  let benAddress: string;

  beforeEach(async () => {
    ({ t, smtp, ana, ben, threadId, benAddress } = await startReplyScene(kind, {
      STT_ENGINE: 'pocketsphinx',
      MAX_INBOUND_MAIL_BYTES: String(MAX_BYTES),
    }));
    cy = await addMember(t.app, ana, { name: 'Cy', email: 'cy@example.com' });
  });
  afterEach(async () => {
    await smtp.close();
    await t.close();
  });

  const postsOf = async (as: Session = ana) => {
    const response = await threadsApi(t).get(as, threadId);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().posts as {
      id: string;
      author: { id: string };
      bodyMarkdown: string;
      via?: string;
      media: { id: string }[];
      files?: { id: string; name: string; mimeType: string; sizeBytes: number; url: string }[];
    }[];
  };
  const reply = (options: {
    from?: string;
    to?: string;
    text?: string;
    html?: string;
    [k: string]: unknown;
  }) =>
    composeMail({
      from: options.from ?? 'Ben Porter <ben@example.com>',
      to: options.to ?? benAddress,
      subject: 'Re: Slides for Friday',
      messageId: `<${newId()}@mail.example.com>`,
      ...options,
    });
  const send = async (raw: Buffer, envelope: { from?: string; to?: string; mailParams?: string } = {}) =>
    (await smtpConversation(smtp.port, { from: 'ben@example.com', to: benAddress, ...envelope }, raw)).last;

  it('posts only the new text of a member reply written with quoted history and a signature', async () => {
    const file = path.join(dir, 'gmail.eml');
    fs.writeFileSync(file, await reply({ text: GMAIL_REPLY }));
    const result = await swaks(smtp.port, [
      '--to',
      benAddress,
      '--from',
      'Ben@Example.com',
      '--data',
      `@${file}`,
    ]);
    expect(result.status, result.output).toBe(0);

    const posts = await postsOf();
    expect(posts).toHaveLength(2);
    expect(posts[1]).toMatchObject({
      author: { id: ben.user.id },
      bodyMarkdown: 'Thursday works for me. I will bring the printed deck.',
      via: 'email',
    });
    // As a reply in the app: Ana's inbox shows it, Ben's ask is answered.
    expect(await threadsApi(t).inboxRow(ana.user.id, threadId)).toMatchObject({ unread: 1 });
    const ask = await t.ctx.db
      .selectFrom('post_asks')
      .selectAll()
      .where('user_id', '=', ben.user.id)
      .executeTakeFirst();
    expect(ask?.answered_how).toBe('reply');
    const address = await t.ctx.db
      .selectFrom('reply_addresses')
      .select('last_used_at')
      .executeTakeFirstOrThrow();
    expect(address.last_used_at).not.toBeNull();
  });

  it("posts an outsider's reply, and refuses it once their link is revoked", async () => {
    const { id: outsiderId, email: carla } = await addOutsider(t, threadId, ana.user.id);
    const to = await mintReplyAddress(t.ctx, outsiderId, threadId);
    const outlook = [
      'Agreed, ship it on Monday.',
      '',
      'Get Outlook for iOS',
      '________________________________',
      'From: Ana Owner <notifications@tidings.example.com>',
      'Sent: Sunday, November 29, 2026 10:04 AM',
      'To: Carla Diaz <carla@partner.example>',
      'Subject: Slides for Friday',
      '',
      'Could you look at the deck before Thursday?',
    ].join('\r\n');
    const raw = await reply({ from: `Carla Diaz <${carla.toUpperCase()}>`, to, text: outlook });
    expect((await send(raw, { from: carla, to })).code).toBe(250);
    const posts = await postsOf();
    expect(posts[1]).toMatchObject({
      author: { id: outsiderId },
      bodyMarkdown: 'Agreed, ship it on Monday.',
    });

    await t.ctx.db
      .updateTable('external_links')
      .set({ revoked_at: t.ctx.now() })
      .where('user_id', '=', outsiderId)
      .execute();
    const refused = await send(await reply({ from: carla, to, text: 'Again' }), {
      from: carla,
      to,
    });
    expect(refused.code).toBe(550);
    expect(await postsOf()).toHaveLength(2);
  });

  it("answers the outsider's own notification email: its Reply-To posts into the thread", async () => {
    const thread = await threadToEmails(t, ana, ['Ann Lee <ann@client.example>'], {
      body: 'Can you confirm?',
    });
    const [mail] = await emailsTo(t, 'ann@client.example');
    const to = mail?.replyTo?.value[0]?.address ?? '';
    expect(to).toMatch(/^reply\+[A-Za-z0-9_-]{43}@reply\.tidings\.test$/);
    const quoted = (mail?.text ?? '').split('\n').map((line) => `> ${line}`);
    const text = [
      'Confirmed, see you then.',
      '',
      `On Sun, 29 Nov 2026 at 10:04, Ana Owner <${mail?.from?.value[0]?.address}> wrote:`,
      ...quoted,
    ];
    const raw = await reply({
      from: 'Ann Lee <ann@client.example>',
      to,
      text: text.join('\n'),
      inReplyTo: mail?.messageId,
    });
    expect((await send(raw, { from: 'ann@client.example', to })).code).toBe(250);
    const posts = (await threadsApi(t).get(ana, thread.id)).json().posts;
    expect(posts.at(-1)).toMatchObject({ bodyMarkdown: 'Confirmed, see you then.', via: 'email' });
  });

  it('turns an .m4a attachment into a voice note with a transcript', async () => {
    const raw = await reply({
      text: 'Here is my answer as a voice memo.\n\nSent from my iPhone',
      attachments: [{ filename: 'New Recording 12.m4a', content: memo, contentType: 'audio/x-m4a' }],
    });
    expect((await send(raw)).code).toBe(250);
    const [, posted] = await postsOf();
    expect(posted?.bodyMarkdown).toBe('Here is my answer as a voice memo.');
    expect(posted?.media).toHaveLength(1);
    const mediaId = posted?.media[0]?.id ?? '';
    // finalize (playable rendition, waveform), then the transcript.
    expect(await drainJobs(t.ctx)).toBe(2);
    const media = await request(t.app, { method: 'GET', url: `/api/media/${mediaId}` }, ana);
    expect(media.json()).toMatchObject({ kind: 'audio', status: 'ready', source: 'upload' });
    const transcript = await request(t.app, { method: 'GET', url: `/api/media/${mediaId}/transcript` }, ana);
    expect(transcript.json()).toMatchObject({ status: 'done' });
    expect(transcript.json().text).toContain('obama');
  });

  it('refuses a wrong sender, a forged token, another domain and an over-size mail; nothing is posted', async () => {
    const text = 'This must not be posted';
    // Envelope sender is not Ben: refused at RCPT, before any byte of the message.
    const wrongEnvelope = await send(await reply({ text }), { from: 'mallory@evil.example' });
    expect(wrongEnvelope).toMatchObject({ code: 550, text: expect.stringContaining('5.7.1') });
    // Right envelope, forged From: header: refused after DATA.
    const forgedFrom = await send(await reply({ text, from: 'Mallory <mallory@evil.example>' }));
    expect(forgedFrom).toMatchObject({ code: 550, text: expect.stringContaining('5.7.1') });
    // A token nobody minted, a malformed one, the right token at another domain.
    for (const to of [
      `reply+${newSecret()}@reply.tidings.test`,
      'reply+short@reply.tidings.test',
      benAddress.replace('reply.tidings.test', 'elsewhere.example'),
    ]) {
      expect((await send(await reply({ text, to }), { to })).code).toBe(550);
    }
    // Over the limit, declared with SIZE, and undeclared (counted while DATA streams in).
    const big = await reply({
      text,
      attachments: [{ filename: 'big.bin', content: Buffer.alloc(MAX_BYTES) }],
    });
    expect((await send(big, { mailParams: `SIZE=${big.length}` })).code).toBe(552);
    expect((await send(big)).code).toBe(552);
    // swaks sees the same refusal as any sending server would.
    const file = path.join(dir, 'wrong.eml');
    fs.writeFileSync(file, await reply({ text }));
    const result = await swaks(smtp.port, [
      '--to',
      benAddress,
      '--from',
      'cy@example.com',
      '--data',
      `@${file}`,
    ]);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/550 5\.7\.1/);

    expect(await postsOf()).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('inbound_mail').selectAll().execute()).toEqual([]);
  });

  it('accepts and drops auto-replies and bounces', async () => {
    const outOfOffice = await reply({
      subject: 'Automatic reply: Slides for Friday',
      text: 'I am out of the office until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    });
    expect((await send(outOfOffice)).code).toBe(250);
    const vacation = await reply({ text: 'On vacation', headers: { Precedence: 'auto_reply' } });
    expect((await send(vacation)).code).toBe(250);
    const bounce = await reply({ from: 'MAILER-DAEMON@example.com', text: 'Delivery failed' });
    expect((await send(bounce, { from: '' })).code).toBe(250);
    expect(await postsOf()).toHaveLength(1);
  });

  it('keeps answers written between quoted lines, with the questions as quotes, not the history', async () => {
    const text = fs.readFileSync(
      path.join(import.meta.dirname, 'fixtures', 'inline-above-history.txt'),
      'utf8',
    );
    expect((await send(await reply({ text }))).code).toBe(250);
    const posted = (await threadsApi(t).get(ana, threadId)).json().posts.at(-1) as {
      bodyMarkdown: string;
      bodyHtml: string;
    };
    expect(posted.bodyMarkdown).toBe(
      'Hi Ana,\n\n> Can you send the deck by Thursday?\n\nYes, tonight.\n\n' +
        '> And will Bo join the call?\n\nNo, he is away.\n\nCheers,\nOlive',
    );
    expect(posted.bodyHtml).toContain('<blockquote>\n<p>And will Bo join the call?</p>\n</blockquote>');
    expect(posted.bodyHtml).not.toContain('wrote:');
  });

  it('cuts an HTML-only reply (Outlook) by its markup', async () => {
    const html = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'outlook.html.txt'), 'utf8');
    expect((await send(await reply({ html }))).code).toBe(250);
    expect((await postsOf()).at(-1)?.bodyMarkdown).toBe('Approved from my side.');
  });

  it('posts a message delivered twice (same Message-ID) once', async () => {
    const raw = await reply({ text: 'Only once, please.' });
    expect((await send(raw)).code).toBe(250);
    expect((await send(raw)).code).toBe(250);
    const posts = await postsOf();
    expect(posts.map((p) => p.bodyMarkdown)).toEqual([
      'Could you look at the deck before Thursday?',
      'Only once, please.',
    ]);
    // Quoted history alone, nothing new: accepted, not posted.
    expect((await send(await reply({ text: 'On Sun, Ana wrote:\n> Could you look?' }))).code).toBe(250);
    expect(await postsOf()).toHaveLength(2);
  });

  it('keeps a PDF as a file of the post, downloadable only by people who can see the thread', async () => {
    const raw = await reply({
      text: 'The signed contract is attached.',
      attachments: [{ filename: 'Contract "final".pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect((await send(raw)).code).toBe(250);
    const [, posted] = await postsOf(ben);
    expect(posted?.media).toEqual([]);
    expect(posted?.files).toEqual([
      {
        id: expect.any(String),
        name: 'Contract final.pdf',
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        url: `/api/posts/${posted?.id}/files/${posted?.files?.[0]?.id}`,
      },
    ]);
    const url = posted?.files?.[0]?.url ?? '';
    const download = await request(t.app, { method: 'GET', url }, ana);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Contract final.pdf"; filename*=UTF-8''Contract%20final.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    // Cy is not in the thread: the same 404 as for a file that does not exist.
    expect((await request(t.app, { method: 'GET', url }, cy)).statusCode).toBe(404);
    expect((await request(t.app, { method: 'GET', url: `${url.slice(0, -4)}0000` }, ana)).statusCode).toBe(
      404,
    );
    expect((await request(t.app, { method: 'GET', url })).statusCode).toBe(401);
    // An outsider of the thread downloads it through their private link's session.
    const outsider = await addOutsider(t, threadId, ana.user.id);
    const session = await outsiderSession(t, outsider.token);
    const theirs = await request(t.app, { method: 'GET', url }, session);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.rawPayload.equals(PDF)).toBe(true);
  });
});

/** An outsider (role 'external') addressed on the thread, with a private link; its token. */
async function addOutsider(t: TestApp, threadId: string, createdBy: string) {
  const now = t.ctx.now();
  const id = newId();
  await t.ctx.db
    .insertInto('users')
    .values({
      id,
      email: `carla.${id.slice(0, 8)}@partner.example`,
      name: 'Carla Diaz',
      password_hash: '',
      role: 'external',
      time_zone: 'Europe/Madrid',
      avatar_key: null,
      created_at: now,
      updated_at: now,
      language: null,
    })
    .execute();
  await t.ctx.db.insertInto('thread_people').values({ thread_id: threadId, user_id: id }).execute();
  const link = await mintPrivateLink(t.ctx, id, threadId, createdBy);
  return { id, email: `carla.${id.slice(0, 8)}@partner.example`, token: link.split('/x/')[1] ?? '' };
}
