import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type FakeMedia, makeFakeMedia } from '../fixtures/media';
import { waitForTimer } from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

let fake: FakeMedia;
test.beforeAll(() => {
  fake = makeFakeMedia();
});
test.afterAll(() => fake.dispose());

/** The emails to `address` in the outbox, as text (quoted-printable soft breaks undone). */
function emailsTo(dataDir: string, address: string): string[] {
  const dir = path.join(dataDir, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.eml'))
    .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))
    .filter((raw) => raw.includes(`To: ${address}`))
    .map((raw) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
}

/** The private link in the first email to `address`, waiting for the delivery job to send it. */
async function privateLinkFor(dataDir: string, address: string): Promise<string> {
  const linkIn = (text: string) => /https?:\/\/[^\s"<>]+\/x\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? '';
  await expect
    .poll(() => emailsTo(dataDir, address).map(linkIn).find(Boolean) ?? '', { timeout: 30_000 })
    .not.toBe('');
  return emailsTo(dataDir, address).map(linkIn).find(Boolean) ?? '';
}

/** Voice note → wait 4 s → Stop → Attach → Send, in the thread's reply box. */
async function recordVoiceReply(page: Page) {
  const reply = page.getByRole('form', { name: 'Reply to this thread' });
  await reply.getByRole('button', { name: 'Voice note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a voice note' });
  await waitForTimer(page, 4);
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await dialog.getByRole('button', { name: 'Attach to message' }).click();
  await expect(reply.getByRole('list', { name: 'Attached recordings' })).toContainText('Voice note');
  await reply.getByRole('button', { name: 'Send reply' }).click();
}

test('an outsider opens their private link without an account, replies with a voice note, and loses access when revoked', async ({
  browserWithDevices,
  api,
  server,
}, testInfo) => {
  test.setTimeout(150_000);
  const {
    browser: outsiderBrowser,
    context: anaContext,
    page: ana,
  } = await browserWithDevices({ audio: fake.speechWav });
  await api.setUpWorkspace(anaContext.request);
  // Ana writes to an email address in the composer: it becomes a chip marked as outside.
  await ana.goto('/new');
  await ana.getByLabel('Subject').fill('Pricing page review');
  const to = ana.getByRole('combobox', { name: 'To' });
  await to.fill('Olive Client <olive@client.example>');
  await to.press('Enter');
  const chips = ana.getByRole('list', { name: 'Recipients' });
  await expect(chips).toContainText('Olive Client');
  await expect(chips).toContainText('outside the workspace');
  // The delivery preview says what happens for them: an email, now.
  await expect(ana.getByRole('list', { name: 'Emailed outside the workspace' })).toContainText(
    'Olive Client — emailed now — outside the workspace',
  );
  await ana
    .getByRole('textbox', { name: 'Message' })
    .fill('Could you review the new pricing page before Friday?');
  await ana.getByRole('radio', { name: 'Reply when you can' }).check();
  await ana.screenshot({ path: testInfo.outputPath('compose-to-email.png') });
  await ana.getByRole('button', { name: 'Send' }).click();
  await expect(ana).toHaveURL(/\/threads\/[0-9a-f-]{36}/);
  const thread = { id: ana.url().split('/threads/')[1]?.split(/[?#]/)[0] ?? '' };

  // The outsider's email carries their private link.
  const link = await privateLinkFor(server.dataDir, 'olive@client.example');
  expect(emailsTo(server.dataDir, 'olive@client.example')[0]).toContain('Reply-To: reply+');

  // Ana adds a voice note; it reaches Olive by email too.
  await recordVoiceReply(ana);
  await expect(ana.getByRole('button', { name: 'Play voice note' })).toBeVisible({ timeout: 45_000 });
  await expect
    .poll(
      () => emailsTo(server.dataDir, 'olive@client.example').some((m) => m.includes('sent you a voice note')),
      {
        timeout: 30_000,
      },
    )
    .toBe(true);

  // A fresh browser context with no account opens the link: Olive reads, and listens.
  const oliveContext = await outsiderBrowser.newContext();
  const olive = await oliveContext.newPage();
  await olive.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
  await expect(olive).toHaveURL(new RegExp(`/threads/${thread.id}`));
  await expect(olive.getByText('Could you review the new pricing page before Friday?')).toBeVisible();
  await expect(olive.getByText(/You’re viewing as\s*Olive Client\s*— invited by\s*Ana Owner/)).toBeVisible();
  // No workspace navigation for an outsider.
  await expect(olive.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(olive.getByRole('link', { name: 'Inbox' })).toHaveCount(0);

  await olive.getByRole('button', { name: 'Play voice note' }).click();
  await expect
    .poll(
      () =>
        olive
          .locator('audio')
          .first()
          .evaluate((a: HTMLAudioElement) => a.currentTime),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(1);
  await olive.getByRole('button', { name: 'Pause voice note' }).click();

  // A voice reply from the fake microphone, through the usual reply box and recorder.
  await recordVoiceReply(olive);
  await expect(olive.getByRole('button', { name: 'Play voice note' })).toHaveCount(2, { timeout: 45_000 });
  await olive.screenshot({ path: testInfo.outputPath('outsider-thread.png'), fullPage: true });
  await olive.setViewportSize({ width: 390, height: 844 });
  await olive.evaluate(() => window.scrollTo(0, 0));
  await olive.screenshot({ path: testInfo.outputPath('outsider-phone.png') });
  await olive.setViewportSize({ width: 1280, height: 800 });

  // The member sees the outsider's voice note, and the outsider listed in the header.
  await ana.reload();
  const oliveReply = ana.getByRole('article').filter({ hasText: 'Olive Client' }).last();
  await expect(ana.getByRole('button', { name: 'Play voice note' })).toHaveCount(2, { timeout: 45_000 });
  await expect(oliveReply).toBeVisible();
  const outsiders = ana.getByRole('region', { name: 'People outside the workspace' });
  await expect(outsiders).toContainText('Olive Client');
  await ana.screenshot({ path: testInfo.outputPath('member-thread.png'), fullPage: true });

  // Signing out leads to a page that says how to come back (there is no sign-in for outsiders).
  const second = await (await outsiderBrowser.newContext()).newPage();
  await second.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
  await second.getByRole('button', { name: 'Sign out' }).click();
  await expect(second.getByRole('heading', { name: 'You signed out' })).toBeVisible();
  await expect(second.locator('body')).not.toContainText('Pricing page');

  // Revoke, with confirmation.
  await outsiders.getByRole('button', { name: 'Revoke' }).click();
  await ana.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
  await expect(outsiders).toHaveCount(0);

  // The outsider's open tab shows the clear page by itself, without a reload (live events: the
  // thread changed, their stream closed and its reconnect refused); so does a fresh visit.
  await expect(olive.getByRole('heading', { name: 'This link no longer works' })).toBeVisible({
    timeout: 10_000,
  });
  await olive.reload();
  await expect(olive.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await expect(olive.locator('body')).not.toContainText('Pricing page');
  await expect(olive.locator('body')).not.toContainText('Ana Owner');
  const stranger = await (await outsiderBrowser.newContext()).newPage();
  await stranger.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
  await expect(stranger.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await expect(stranger.locator('body')).not.toContainText('Pricing page');
  await stranger.screenshot({ path: testInfo.outputPath('link-gone.png') });
});

test('a member adds an outsider to a thread under way: they get the thread so far by email and can open it', async ({
  browser,
  api,
  server,
}, testInfo) => {
  const anaContext = await browser.newContext({ baseURL: server.url });
  const { csrfToken } = await api.setUpWorkspace(anaContext.request);
  const space = await api.createSpace(anaContext.request, csrfToken, {
    name: 'Sales',
    visibility: 'private',
  });
  const headers = { 'x-csrf-token': csrfToken };
  const created = await anaContext.request.post('/api/threads', {
    headers,
    data: {
      subject: 'Renewal terms',
      recipients: { spaceIds: [space.id] },
      body: 'Opening: the renewal proposal is attached.',
      expectation: { kind: 'fyi' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const thread = await created.json();
  for (const body of ['A remark in between.', 'Latest: we agreed on the price.']) {
    const replied = await anaContext.request.post(`/api/threads/${thread.id}/posts`, {
      headers,
      data: { body },
    });
    expect(replied.status()).toBe(201);
  }

  const ana = await anaContext.newPage();
  await ana.goto(`/threads/${thread.id}`);
  await ana.getByRole('button', { name: 'Add people…' }).click();
  const dialog = ana.getByRole('dialog', { name: 'Add people to this thread' });
  const field = dialog.getByRole('combobox', { name: 'Add' });
  await field.fill('Pia Partner <pia@partner.example>');
  await field.press('Enter');
  await expect(dialog.getByRole('list', { name: 'Recipients' })).toContainText('Pia Partner');
  // Leave the field so its suggestions close.
  await dialog.getByText('They see the whole thread.').click();
  await ana.screenshot({ path: testInfo.outputPath('add-people-dialog.png') });
  await dialog.getByRole('button', { name: 'Add to thread' }).click();
  const note = ana.getByRole('status').filter({ hasText: 'People added' });
  await expect(note).toContainText('Emailed Pia Partner <pia@partner.example> the thread so far');
  await expect(ana.getByRole('region', { name: 'People outside the workspace' })).toContainText(
    'Pia Partner',
  );
  await ana.screenshot({ path: testInfo.outputPath('added-outsider.png') });

  // The email carries the opening post, how many lie between, the latest, and their private link.
  const link = await privateLinkFor(server.dataDir, 'pia@partner.example');
  const [mail] = emailsTo(server.dataDir, 'pia@partner.example');
  expect(mail).toContain('added you to this conversation');
  expect(mail).toContain('Opening: the renewal proposal is attached.');
  expect(mail).toContain('1 more message in between');
  expect(mail).toContain('Latest: we agreed on the price.');

  const pia = await (await browser.newContext()).newPage();
  await pia.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
  await expect(pia).toHaveURL(new RegExp(`/threads/${thread.id}`));
  await expect(pia.getByText('Latest: we agreed on the price.')).toBeVisible();
  await expect(pia.getByText('Opening: the renewal proposal is attached.')).toBeVisible();
});
