import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freePort, startServer } from '../fixtures/server';
import { test as base, expect } from '../fixtures/test';

const BEN = { name: 'Ben Colleague', email: 'ben@example.com', password: 'bens long password' };
const REPLY_DOMAIN = 'reply.tidings.test';

// A server that also listens for replies by email (SMTP_IN_ENABLED in role all).
const test = base.extend<{ smtpPort: number }>({
  smtpPort: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => use(await freePort()),
    { scope: 'test' },
  ],
  server: async ({ smtpPort }, use) => {
    const server = await startServer({
      SMTP_IN_ENABLED: 'true',
      SMTP_IN_PORT: String(smtpPort),
      SMTP_IN_HOST: '127.0.0.1',
      REPLY_DOMAIN,
    });
    await use(server);
    await server.stop();
  },
});

/** The reply+<token> address a notification to `userId` about `threadId` carries (as minted). */
function mintReplyAddress(dataDir: string, userId: string, threadId: string): string {
  const token = randomBytes(32).toString('base64url');
  const db = new Database(path.join(dataDir, 'tidings.db'));
  db.pragma('busy_timeout = 5000');
  db.prepare(
    'insert into reply_addresses (token_hash, user_id, thread_id, created_at, last_used_at) values (?, ?, ?, ?, null)',
  ).run(createHash('sha256').update(token).digest('hex'), userId, threadId, Date.now());
  db.close();
  return `reply+${token}@${REPLY_DOMAIN}`;
}

/** A Gmail-style reply with quoted history, a signature and a PDF, as raw MIME. */
function replyWithPdf(to: string): string {
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'.repeat(40),
  );
  return [
    `From: Ben Colleague <${BEN.email}>`,
    `To: ${to}`,
    'Subject: Re: Contract for the pelican release',
    `Message-ID: <${randomBytes(8).toString('hex')}@mail.example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Signed and attached. Legal has a copy too.',
    '',
    '-- ',
    'Ben Colleague',
    '',
    'On Sun, 29 Nov 2026 at 10:04, Ana Owner <ana@example.com> wrote:',
    '> Could you sign the contract?',
    '',
    '--b1',
    'Content-Type: application/pdf; name="Signed contract.pdf"',
    'Content-Disposition: attachment; filename="Signed contract.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    ...(pdf.toString('base64').match(/.{1,76}/g) ?? []),
    '--b1--',
    '',
  ].join('\r\n');
}

function swaks(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('swaks', ['--server', `127.0.0.1:${port}`, ...args]);
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`swaks ${code}: ${output}`)),
    );
  });
}

test('Ben replies to a thread by email with a PDF; Ana sees only his new text, "via email", and downloads the file', async ({
  browser,
  api,
  server,
  smtpPort,
}, testInfo) => {
  const anaContext = await browser.newContext();
  const benContext = await browser.newContext();
  const { csrfToken } = await api.setUpWorkspace(anaContext.request);
  const ben = await api.addMember(anaContext.request, csrfToken, benContext.request, BEN);
  const created = await anaContext.request.post(`${server.url}/api/threads`, {
    data: {
      subject: 'Contract for the pelican release',
      body: 'Could you sign the contract?',
      recipients: { userIds: [ben.id] },
      expectation: { kind: 'reply' },
    },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(created.status()).toBe(201);
  const thread = await created.json();

  const address = mintReplyAddress(server.dataDir, ben.id, thread.id);
  const file = testInfo.outputPath('reply.eml');
  fs.writeFileSync(file, replyWithPdf(address));
  await swaks(smtpPort, ['--to', address, '--from', BEN.email, '--data', `@${file}`]);

  const page = await anaContext.newPage();
  await page.goto(`/threads/${thread.id}`);
  const post = page.getByRole('article', { name: BEN.name });
  await expect(post).toContainText('Signed and attached. Legal has a copy too.');
  await expect(post).not.toContainText('Could you sign the contract?');
  await expect(post).not.toContainText('wrote:');
  await expect(post).toContainText('via email');
  const link = post.getByRole('link', { name: /Signed contract\.pdf/ });
  await expect(link).toContainText('KB');
  await page.screenshot({ path: testInfo.outputPath('reply-by-email.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('Signed contract.pdf');
  const saved = testInfo.outputPath('downloaded.pdf');
  await download.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
});
