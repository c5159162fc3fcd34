import fs from 'node:fs';
import path from 'node:path';
import { type FakeMedia, launchWithDevices, makeFakeMedia } from '../fixtures/media';
import { waitForTimer } from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

let fake: FakeMedia;
test.beforeAll(() => {
  fake = makeFakeMedia();
});
test.afterAll(() => fake.dispose());

/** The private link in the outbox email to `address` (quoted-printable soft breaks undone). */
async function privateLinkFor(dataDir: string, address: string): Promise<string> {
  const dir = path.join(dataDir, 'outbox');
  let link = '';
  await expect
    .poll(
      () => {
        if (!fs.existsSync(dir)) return '';
        for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
          const raw = fs.readFileSync(path.join(dir, name), 'utf8');
          if (!raw.includes(`To: ${address}`)) continue;
          const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
          link = /https?:\/\/[^\s"<>]+\/x\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? '';
        }
        return link;
      },
      { timeout: 30_000 },
    )
    .not.toBe('');
  return link;
}

test('an outsider opens their private link without an account, replies with a voice note, and loses access when revoked', async ({
  browser,
  playwright,
  launchOptions,
  api,
  server,
}, testInfo) => {
  test.setTimeout(150_000);
  const outsiderBrowser = await launchWithDevices(playwright.chromium, launchOptions, {
    audio: fake.speechWav,
  });
  try {
    const anaContext = await browser.newContext({ baseURL: server.url });
    const { csrfToken } = await api.setUpWorkspace(anaContext.request);
    const created = await anaContext.request.post('/api/threads', {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        subject: 'Pricing page review',
        recipients: { emails: ['Olive Client <olive@client.example>'] },
        body: 'Could you review the new pricing page before Friday?',
        expectation: { kind: 'reply' },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const thread = await created.json();

    // The outsider's email carries their private link; a fresh browser with no account opens it.
    const link = await privateLinkFor(server.dataDir, 'olive@client.example');
    const oliveContext = await outsiderBrowser.newContext();
    const olive = await oliveContext.newPage();
    await olive.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await expect(olive).toHaveURL(new RegExp(`/threads/${thread.id}`));
    await expect(olive.getByText('Could you review the new pricing page before Friday?')).toBeVisible();
    await expect(
      olive.getByText(/You’re viewing as\s*Olive Client\s*— invited by\s*Ana Owner/),
    ).toBeVisible();
    // No workspace navigation for an outsider.
    await expect(olive.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await expect(olive.getByRole('link', { name: 'Inbox' })).toHaveCount(0);

    // A voice reply from the fake microphone, through the usual reply box and recorder.
    const reply = olive.getByRole('form', { name: 'Reply to this thread' });
    await reply.getByRole('button', { name: 'Voice note' }).click();
    const dialog = olive.getByRole('dialog', { name: 'Record a voice note' });
    await waitForTimer(olive, 4);
    await dialog.getByRole('button', { name: 'Stop' }).click();
    await dialog.getByRole('button', { name: 'Attach to message' }).click();
    await expect(reply.getByRole('list', { name: 'Attached recordings' })).toContainText('Voice note');
    await reply.getByRole('button', { name: 'Send reply' }).click();
    await expect(olive.getByRole('button', { name: 'Play voice note' })).toBeVisible({ timeout: 45_000 });
    await olive.screenshot({ path: testInfo.outputPath('outsider-thread.png'), fullPage: true });

    // The member sees the outsider's voice note, and the outsider listed in the header.
    const ana = await anaContext.newPage();
    await ana.goto(`/threads/${thread.id}`);
    await expect(ana.getByRole('button', { name: 'Play voice note' })).toBeVisible({ timeout: 45_000 });
    const outsiders = ana.getByRole('region', { name: 'People outside the workspace' });
    await expect(outsiders).toContainText('Olive Client');
    await ana.screenshot({ path: testInfo.outputPath('member-thread.png'), fullPage: true });

    // Revoke, with confirmation.
    await outsiders.getByRole('button', { name: 'Revoke' }).click();
    await ana.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
    await expect(outsiders).toHaveCount(0);

    // The outsider's open tab and a fresh visit to the link both show the clear page, and nothing else.
    await olive.reload();
    await expect(olive.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await expect(olive.locator('body')).not.toContainText('Pricing page');
    await expect(olive.locator('body')).not.toContainText('Ana Owner');
    const stranger = await (await outsiderBrowser.newContext()).newPage();
    await stranger.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await expect(stranger.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await expect(stranger.locator('body')).not.toContainText('Pricing page');
    await stranger.screenshot({ path: testInfo.outputPath('link-gone.png') });
  } finally {
    await outsiderBrowser.close();
  }
});
