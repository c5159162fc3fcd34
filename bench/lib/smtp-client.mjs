// A minimal SMTP client for the smtp-inbound benchmark: one connection, EHLO once, then
// MAIL/RCPT/DATA per message, timing each message from the end of DATA to the server's answer.
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export async function openSmtp(port, host = '127.0.0.1') {
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  let buffered = '';
  const waiting = [];
  let failure = null;
  socket.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let end = buffered.indexOf('\r\n');
    while (end !== -1) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      // "250-…" continues a multi-line reply; the line with a space after the code ends it.
      if (line[3] !== '-') waiting.shift()?.resolve({ code: Number(line.slice(0, 3)), text: line.slice(4) });
      end = buffered.indexOf('\r\n');
    }
  });
  socket.on('error', (error) => {
    failure = error;
    for (const w of waiting.splice(0)) w.reject(error);
  });
  const next = () =>
    new Promise((resolve, reject) => (failure ? reject(failure) : waiting.push({ resolve, reject })));
  const command = (data) => {
    const reply = next();
    socket.write(data);
    return reply;
  };
  const expect = async (reply, code, what) => {
    const got = await reply;
    if (got.code !== code) throw new Error(`${what}: expected ${code}, got ${got.code} ${got.text}`);
    return got;
  };
  await expect(next(), 220, 'greeting');
  await expect(command('EHLO bench.client\r\n'), 250, 'EHLO');
  return {
    /** Sends one message; resolves to the ms from the end of DATA to the 250. */
    async send({ from, to, raw }) {
      await expect(command(`MAIL FROM:<${from}> SIZE=${raw.length}\r\n`), 250, 'MAIL FROM');
      await expect(command(`RCPT TO:<${to}>\r\n`), 250, 'RCPT TO');
      await expect(command('DATA\r\n'), 354, 'DATA');
      socket.write(raw);
      const started = performance.now();
      await expect(command('\r\n.\r\n'), 250, 'end of DATA');
      return performance.now() - started;
    },
    async close() {
      await command('QUIT\r\n').catch(() => undefined);
      socket.end();
    },
  };
}

/** A ~5 KB reply as a mail client writes it: new text, signature, then the quoted history. */
export function replyMessage({ from, to, index, sizeBytes = 5 * 1024 }) {
  const history = [];
  const line = '> We went through the launch plan line by line and agreed on the order of the steps.';
  while (history.join('\r\n').length < sizeBytes - 700) history.push(line);
  const text = [
    `From: Bench Person <${from}>`,
    `To: <${to}>`,
    `Subject: Re: Launch plan (${index})`,
    `Message-ID: <bench-${index}-${process.pid}-${Date.now()}@client.bench.test>`,
    'Date: Sun, 29 Nov 2026 10:30:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Reply ${index}: Thursday works for me, and I will bring the printed deck for everyone.`,
    'I also checked the numbers in the appendix; they add up now that the March figures are in.',
    '',
    '-- ',
    'Bench Person',
    'Product, Bench Co.',
    '',
    'On Sun, 29 Nov 2026 at 10:04, Bench Owner via Tidings <notifications@bench.test>',
    'wrote:',
    '',
    ...history,
  ].join('\r\n');
  // Dot-stuffing, so the message cannot end DATA early.
  return Buffer.from(text.replace(/^\./gm, '..'), 'utf8');
}
