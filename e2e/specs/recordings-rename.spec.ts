import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { BEN } from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

/** Renaming a recording from its library card and its /v/ page; `g r` opens the library. */

const SHOTS = process.env.LIBRARY_SHOTS_DIR ?? '/tmp/lib-shots';

let dir: string;
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-rename-'));
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A 2 s test-pattern video whose file name (with its extension) becomes the title. */
function makeVideo(): string {
  const video = path.join(dir, 'Quarterly demo.mp4');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=15', '-t', '2', '-pix_fmt', 'yuv420p'],
    ...['-c:v', 'libx264', video],
  ]);
  return video;
}

async function titles(request: APIRequestContext): Promise<string[]> {
  const response = await request.get('/api/me/media');
  expect(response.status()).toBe(200);
  return (await response.json()).media.map((m: { title: string }) => m.title);
}

const selection = (input: Locator) =>
  input.evaluate((i: HTMLInputElement) => i.value.slice(i.selectionStart ?? 0, i.selectionEnd ?? 0));

/** Uploads the video from the library and waits for its card's poster. */
async function uploadToLibrary(page: Page): Promise<Locator> {
  await page.goto('/recordings');
  await page.getByLabel('Upload a video or audio file').setInputFiles(makeVideo());
  const card = page.getByRole('list', { name: 'Your recordings' }).getByRole('listitem');
  await expect(card.locator('img').first()).toBeVisible({ timeout: 60_000 });
  return card;
}

test('renames a recording from its card with the keyboard, and on its /v/ page; others only read it', async ({
  page,
  browser,
  api,
}) => {
  test.setTimeout(120_000);
  const request = page.context().request;
  const { csrfToken } = await api.setUpWorkspace(request);
  const card = await uploadToLibrary(page);

  // Keyboard: the Rename button opens the input with the name selected, not its extension.
  const rename = page.getByRole('button', { name: 'Rename Quarterly demo.mp4' });
  await rename.focus();
  await page.keyboard.press('Enter');
  const input = card.getByRole('textbox', { name: 'Recording title' });
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('Quarterly demo.mp4');
  expect(await selection(input)).toBe('Quarterly demo');
  await page.keyboard.type('Board review');
  await expect(input).toHaveValue('Board review.mp4');
  await page.screenshot({ path: `${SHOTS}/rename-card.png` });
  await card.screenshot({ path: `${SHOTS}/rename-card-close.png` });
  await page.keyboard.press('Enter');
  await expect(card.getByRole('link', { name: 'Board review.mp4' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename Board review.mp4' })).toBeFocused();
  await expect.poll(() => titles(request)).toEqual(['Board review.mp4']);

  // Escape cancels: nothing is sent, the title stays.
  await page.keyboard.press('Enter');
  await page.keyboard.type('Not this');
  await page.keyboard.press('Escape');
  await expect(input).toHaveCount(0);
  await expect(card.getByRole('link', { name: 'Board review.mp4' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename Board review.mp4' })).toBeFocused();

  // An empty title: the server's message shows under the input; the old title comes back.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expect(card.getByRole('alert')).toHaveText('Give the recording a title');
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await card.screenshot({ path: `${SHOTS}/rename-card-error.png` });
  await page.keyboard.press('Escape');
  await expect(card.getByRole('link', { name: 'Board review.mp4' })).toBeVisible();

  // Optimistic: the new title shows before the server answers; a failure puts the old one back.
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/media/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.fallback();
    await answered;
    await route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'unavailable', message: 'The server is busy. Try again.' } }),
    });
  });
  await page.getByRole('button', { name: 'Rename Board review.mp4' }).click();
  await input.fill('Lost in transit.mp4');
  await page.keyboard.press('Enter');
  await expect(card.getByRole('link', { name: 'Lost in transit.mp4' })).toBeVisible();
  release();
  await expect(card.getByRole('alert')).toHaveText('The server is busy. Try again.');
  await expect(input).toHaveValue('Lost in transit.mp4');
  await page.keyboard.press('Escape');
  await expect(card.getByRole('link', { name: 'Board review.mp4' })).toBeVisible();
  await page.unroute('**/api/media/*');

  // Blur saves too.
  await page.getByRole('button', { name: 'Rename Board review.mp4' }).click();
  await input.fill('Board review (draft).mp4');
  await page.getByRole('heading', { name: 'Your recordings' }).click();
  await expect(card.getByRole('link', { name: 'Board review (draft).mp4' })).toBeVisible();
  await expect.poll(() => titles(request)).toEqual(['Board review (draft).mp4']);

  // After a reload, and on the /v/ page.
  await page.reload();
  await expect(card.getByRole('link', { name: 'Board review (draft).mp4' })).toBeVisible();
  await card.getByRole('link').click();
  await expect(page).toHaveURL(/\/v\//);
  const shareUrl = page.url();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText('Board review (draft).mp4');

  // The owner renames on the /v/ page the same way.
  await page.getByRole('button', { name: 'Rename Board review (draft).mp4' }).click();
  const shareInput = page.getByRole('textbox', { name: 'Recording title' });
  expect(await selection(shareInput)).toBe('Board review (draft)');
  await page.keyboard.type('Board review');
  await page.screenshot({ path: `${SHOTS}/rename-share.png` });
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Board review.mp4');
  await expect(page.getByRole('button', { name: 'Rename Board review.mp4' })).toBeFocused();
  await page.reload();
  await expect(heading).toHaveText('Board review.mp4');

  // Another member sees the new title and no Rename.
  const benContext = await browser.newContext();
  try {
    await api.addMember(request, csrfToken, benContext.request, BEN);
    const ben = await benContext.newPage();
    await ben.goto(shareUrl);
    await expect(ben.getByRole('heading', { level: 1 })).toHaveText('Board review.mp4');
    await expect(ben.getByRole('button', { name: /^Rename/ })).toHaveCount(0);
  } finally {
    await benContext.close();
  }
});

test('g r goes to Recordings; the ? dialog lists it', async ({ page, api }) => {
  await api.setUpWorkspace(page.context().request);
  await page.goto('/');
  await expect(page.getByRole('link', { name: /Recordings/ })).toContainText('g r');
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page).toHaveURL(/\/recordings$/);
  await expect(page.getByRole('heading', { name: 'Your recordings' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page).toHaveURL(/\/$/);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('Go to Recordings');
  // The player's own keys are a group of their own.
  await expect(dialog.getByRole('heading', { name: 'In the player' })).toBeVisible();
  await expect(dialog).toContainText('Back 10 seconds');
});
