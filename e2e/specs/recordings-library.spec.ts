import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Locator } from '@playwright/test';
import { BEN, startThread } from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

/** The recordings library at /recordings: cards, viewers, filter, hover preview, copy link, delete. */

const SHOTS = process.env.LIBRARY_SHOTS_DIR ?? '/tmp/lib-shots';

interface Listed {
  id: string;
  kind: 'video' | 'audio';
  title: string;
  status: string;
  error: string | null;
  posterUrl: string | null;
  previewUrl: string | null;
  shareUrl: string;
}

async function myMedia(request: APIRequestContext): Promise<Listed[]> {
  const response = await request.get('/api/me/media');
  expect(response.status()).toBe(200);
  return (await response.json()).media;
}

/** A 3 s test-pattern video and a spoken voice note, made with ffmpeg and espeak-ng. */
function makeFiles(dir: string) {
  const video = path.join(dir, 'Quarterly demo.mp4');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', '3', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-c:a', 'aac', video],
  ]);
  const wav = path.join(dir, 'speech.wav');
  execFileSync('espeak-ng', ['-w', wav, 'The pelican banner needs a brighter blue. Call me back.']);
  const voice = path.join(dir, 'Pelican idea.ogg');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-i', wav],
    ...['-c:a', 'libopus', '-b:a', '32k', voice],
  ]);
  return { video, voice };
}

const pathOf = (url: string) => new URL(url, 'http://x').pathname;
const naturalWidth = (img: Locator) => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth);

let dir: string;
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-library-'));
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('the library shows cards with poster, waveform, duration and viewers; filters; previews on hover; copies links; deletes', async ({
  page,
  browser,
  api,
}) => {
  test.setTimeout(150_000);
  const request = page.context().request;
  const { csrfToken } = await api.setUpWorkspace(request);
  const { video, voice } = makeFiles(dir);

  // Empty: says so and offers to record.
  await page.goto('/recordings');
  await expect(page.getByRole('heading', { name: 'No recordings yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Make a recording' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/empty-light.png`, fullPage: true });

  // Upload both; the cards appear and become ready without a reload (live events / refetch).
  await page.getByLabel('Upload a video or audio file').setInputFiles([video, voice]);
  const list = page.getByRole('list', { name: 'Your recordings' });
  const videoCard = list.getByRole('listitem').filter({ hasText: 'Quarterly demo.mp4' });
  const voiceCard = list.getByRole('listitem').filter({ hasText: 'Pelican idea.ogg' });
  await expect(videoCard).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/processing-light.png`, fullPage: true });
  await expect(videoCard.locator('img').first()).toBeVisible({ timeout: 60_000 });
  await expect(videoCard).toContainText('0:03');
  await expect
    .poll(async () => (await myMedia(request)).map((m) => (m.error ? `failed: ${m.error}` : m.status)), {
      timeout: 60_000,
    })
    .toEqual(['ready', 'ready']);

  // The preview is made after the media is ready: wait for it, then reload so the page has it.
  await expect
    .poll(async () => (await myMedia(request)).find((m) => m.kind === 'video')?.previewUrl ?? null, {
      timeout: 60_000,
    })
    .not.toBeNull();
  // Live: the preview reaches the open page without a reload (media.updated refetches the list;
  // nothing polls a ready list that often).
  await videoCard.hover();
  await expect(videoCard.getByTestId('recording-preview')).toBeVisible({ timeout: 15_000 });
  await page.mouse.move(0, 0);
  const listed = await myMedia(request);
  const videoMedia = listed.find((m) => m.kind === 'video') as Listed;
  const voiceMedia = listed.find((m) => m.kind === 'audio') as Listed;
  // Ben is sent the video and watches all 3 s of it (as his player would report).
  const benContext = await browser.newContext();
  const ben = await api.addMember(request, csrfToken, benContext.request, BEN);
  await startThread(request, csrfToken, {
    subject: 'Demo',
    userIds: [ben.id],
    body: 'The demo.',
    mediaIds: [videoMedia.id],
  });
  const watched = await benContext.request.post(`/api/media/${videoMedia.id}/views`, {
    headers: { 'x-csrf-token': ben.csrfToken },
    data: { ranges: [[0, 3000]] },
  });
  expect(await watched.json()).toMatchObject({ counted: true });
  await benContext.close();
  await page.reload();

  await expect(list.getByRole('listitem')).toHaveCount(2);
  const poster = videoCard.locator('img').first();
  expect(pathOf((await poster.getAttribute('src')) ?? '')).toBe(pathOf(videoMedia.posterUrl ?? ''));
  await expect.poll(() => naturalWidth(poster)).toBeGreaterThan(0);
  await expect(videoCard).toContainText('0:03');
  await expect(videoCard.getByRole('link', { name: 'Quarterly demo.mp4' })).toHaveAttribute(
    'href',
    pathOf(videoMedia.shareUrl),
  );
  await expect(voiceCard.getByTestId('waveform').locator('rect')).toHaveCount(40);
  await expect(voiceCard).toContainText(/0:0[3-9]/);
  await expect(voiceCard.locator('img')).toHaveCount(0);
  await expect(videoCard.locator('time')).toHaveText(/just now|minute/);
  await expect(videoCard.locator('time')).toHaveAttribute('title', /\d/);
  await expect(videoCard.getByText('1 viewer', { exact: true })).toBeVisible();
  // Hover reaches the line (not the card's stretched link), so its tooltip shows.
  await videoCard.getByTitle(/^Last watched just now · 1 person$/).hover();
  await page.mouse.move(0, 0);
  await expect(voiceCard.getByText('Not watched yet')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/desktop-light.png`, fullPage: true });

  // Hover: the animated preview lies over the poster; away, it goes.
  const preview = videoCard.getByTestId('recording-preview');
  await expect(preview).toHaveCount(0);
  await videoCard.hover();
  await expect(preview).toBeVisible();
  expect(pathOf((await preview.getAttribute('src')) ?? '')).toBe(pathOf(videoMedia.previewUrl ?? ''));
  await expect.poll(() => naturalWidth(preview)).toBeGreaterThan(0);
  await page.mouse.move(0, 0);
  await expect(preview).toHaveCount(0);
  // Keyboard focus on the card's link previews too.
  await videoCard.getByRole('link').focus();
  await expect(preview).toBeVisible();
  await page.getByRole('heading', { name: 'Your recordings' }).focus();
  await expect(preview).toHaveCount(0);
  // Not for people who asked for less motion.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await videoCard.hover();
  await expect(videoCard.locator('img')).toHaveCount(1);
  await page.mouse.move(0, 0);
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // Filter by kind, then by words.
  await page.getByRole('radio', { name: 'Voice' }).check();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(voiceCard).toBeVisible();
  await page.getByRole('radio', { name: 'Video' }).check();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(videoCard).toBeVisible();
  await page.getByRole('radio', { name: 'All' }).check();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const filter = page.getByRole('searchbox', { name: 'Filter recordings' });
  await filter.fill('pelican');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(voiceCard).toBeVisible();
  await filter.fill('nothing of the sort');
  await expect(page.getByRole('heading', { name: 'No recordings match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // Copy link puts the share URL on the clipboard and says so.
  await page.getByRole('button', { name: 'Copy link to Quarterly demo.mp4' }).click();
  await expect(videoCard.getByText('Copied', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(videoMedia.shareUrl);

  // Dark theme and a phone.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/desktop-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'light' });
  const [first, second] = await Promise.all([videoCard.boundingBox(), voiceCard.boundingBox()]);
  // One column: the cards are stacked, the same width.
  expect(Math.abs((first?.x ?? 0) - (second?.x ?? 1))).toBeLessThan(1);
  expect(first?.width).toBeGreaterThan(300);
  await page.screenshot({ path: `${SHOTS}/phone-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/phone-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });

  // Delete asks first; Cancel keeps it, confirming removes the card and the recording.
  await page.getByRole('button', { name: 'Delete Pelican idea.ogg' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this recording?' });
  await expect(dialog).toContainText('Pelican idea.ogg');
  await page.screenshot({ path: `${SHOTS}/delete-dialog.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete Pelican idea.ogg' }).click();
  await dialog.getByRole('button', { name: 'Delete recording' }).click();
  await expect(dialog).toBeHidden();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(voiceCard).toHaveCount(0);
  expect((await myMedia(request)).map((m) => m.id)).toEqual([videoMedia.id]);
  expect(voiceMedia.id).not.toBe(videoMedia.id);
});

test('the library says when it cannot load, and retries', async ({ page, api }) => {
  await api.setUpWorkspace(page.context().request);
  let failing = true;
  await page.route('**/api/me/media', (route) =>
    failing ? route.fulfill({ status: 503, body: '' }) : route.fallback(),
  );
  await page.goto('/recordings');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Your recordings could not be loaded', { timeout: 20_000 });
  failing = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'No recordings yet' })).toBeVisible();
});

test('a recording that failed says why on its card, and can be deleted', async ({ page, api }) => {
  await api.setUpWorkspace(page.context().request);
  const bad = path.join(dir, 'Not a video.mp4');
  fs.writeFileSync(bad, 'This is plain text, not a video.\n'.repeat(200));
  await page.goto('/recordings');
  await page.getByLabel('Upload a video or audio file').setInputFiles(bad);
  const card = page.getByRole('list', { name: 'Your recordings' }).getByRole('listitem');
  await expect(card).toContainText(/Failed: .+/, { timeout: 45_000 });
  await page.screenshot({ path: `${SHOTS}/failed-light.png`, fullPage: true });
  await page.getByRole('button', { name: 'Delete Not a video.mp4' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete recording' }).click();
  await expect(page.getByRole('heading', { name: 'No recordings yet' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your recordings' })).toBeFocused();
});
