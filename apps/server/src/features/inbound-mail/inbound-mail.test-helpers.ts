import { spawn } from 'node:child_process';
import net from 'node:net';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/** A message as a mail client writes it (MIME, encodings, attachments) — nodemailer's composer. */
export function composeMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ date: new Date('2026-11-29T10:30:00Z'), ...options }).compile().build();
}

export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * A plain SMTP conversation over a socket, so each reply code can be asserted exactly:
 * EHLO, MAIL FROM (with optional parameters), RCPT TO, DATA, QUIT. Stops at the first refusal.
 */
export async function smtpConversation(
  port: number,
  envelope: { from: string; to: string; mailParams?: string },
  raw: Buffer | null,
): Promise<{ replies: SmtpReply[]; last: SmtpReply }> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: SmtpReply[] = [];
  let buffered = '';
  const waiting: ((reply: SmtpReply) => void)[] = [];
  socket.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let end = buffered.indexOf('\r\n');
    while (end !== -1) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      // Multi-line replies ("250-…") end with the line that has a space after the code.
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), text: line.slice(4) };
        replies.push(reply);
        waiting.shift()?.(reply);
      }
      end = buffered.indexOf('\r\n');
    }
  });
  const next = () => new Promise<SmtpReply>((resolve) => waiting.push(resolve));
  const send = (line: string | Buffer) => {
    const reply = next();
    socket.write(line);
    return reply;
  };
  try {
    await next(); // greeting
    await send('EHLO client.example\r\n');
    let reply = await send(
      `MAIL FROM:<${envelope.from}>${envelope.mailParams ? ` ${envelope.mailParams}` : ''}\r\n`,
    );
    if (reply.code !== 250) return { replies, last: reply };
    reply = await send(`RCPT TO:<${envelope.to}>\r\n`);
    if (reply.code !== 250 || raw === null) return { replies, last: reply };
    reply = await send('DATA\r\n');
    if (reply.code !== 354) return { replies, last: reply };
    // Dot-stuffing: a line starting with "." gets another.
    const body = raw.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    reply = await send(Buffer.from(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    return { replies, last: reply };
  } finally {
    socket.end('QUIT\r\n');
  }
}

/**
 * swaks, the SMTP test tool, as an operator would run it; its exit status and dialogue. Async:
 * the listener answering it runs in this very process.
 */
export function swaks(port: number, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('swaks', ['--server', `127.0.0.1:${port}`, ...args], { timeout: 30_000 });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** A small but real PDF. */
export const PDF = Buffer.from(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A Gmail-style reply: new text, a signature, then the quoted history. */
export const GMAIL_REPLY = [
  'Thursday works for me. I will bring the printed deck.',
  '',
  '-- ',
  'Ben Porter',
  'Product, Acme',
  '',
  'On Sun, 29 Nov 2026 at 10:04, Ana Owner via Tidings <notifications@tidings.example.com>',
  'wrote:',
  '',
  '> Could you look at the deck before Thursday?',
  '>',
  '> Ana',
].join('\n');

/** Connects, reads the greeting and answers EHLO; returns every line of both. */
export async function ehloLines(port: number): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  let text = '';
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('data', (chunk) => {
        const before = text;
        text += chunk.toString('utf8');
        if (!before && /^220 /m.test(text)) socket.write('EHLO client.example\r\n');
        if (/^250 /m.test(text)) resolve();
      });
    });
    return text.split('\r\n').filter(Boolean);
  } finally {
    socket.end('QUIT\r\n');
  }
}
