import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { BEN, startThread, uploadRecording } from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

/** The player's YouTube keys, mute remembered, picture-in-picture, download and remaining time. */

let dir: string;
let clip: string;
let voice: string;
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-player-'));
  clip = path.join(dir, 'Player keys demo.mp4');
  voice = path.join(dir, 'Tone note.m4a');
  // 20 s of test pattern with a tone: 10 % steps are whole seconds.
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', '20', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-c:a', 'aac', clip],
  ]);
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=330', '-t', '20', '-c:a', 'aac', voice],
  ]);
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const shot = (name: string) => test.info().outputPath(`${name}.png`);
const at = (media: Locator) => media.evaluate((m: HTMLMediaElement) => m.currentTime);

async function shareUrlOf(page: Page, mediaId: string): Promise<string> {
  const mine = await (await page.context().request.get('/api/me/media')).json();
  const media = mine.media.find((m: { id: string }) => m.id === mediaId);
  return new URL(media.shareUrl).pathname;
}

async function openPlayer(page: Page, pathname: string) {
  await page.goto(pathname);
  const player = page.getByRole('region', { name: /^Player:/ });
  const video = player.locator('video');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  return { player, video };
}

test('a member plays with the keyboard: j/l, digits, m, k, frames, End; PiP, download and time left', async ({
  page,
  browser,
  api,
  server,
}) => {
  test.setTimeout(150_000);
  const { csrfToken } = await api.setUpWorkspace(page.context().request);
  const mediaId = await uploadRecording(page, clip);
  const pathname = await shareUrlOf(page, mediaId);
  const { player, video } = await openPlayer(page, pathname);
  const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
  expect(duration).toBeGreaterThan(19);

  await player.focus();
  await page.keyboard.press('2');
  await expect.poll(() => at(video)).toBeCloseTo(duration * 0.2, 1);
  await page.keyboard.press('l');
  await expect.poll(() => at(video)).toBeCloseTo(duration * 0.2 + 10, 1);
  await page.keyboard.press('j');
  await expect.poll(() => at(video)).toBeCloseTo(duration * 0.2, 1);
  await page.keyboard.press('5');
  await expect.poll(() => at(video)).toBeCloseTo(duration * 0.5, 1);
  // Paused: `.` and `,` step one frame (1/30 s).
  const before = await at(video);
  await page.keyboard.press('.');
  await expect.poll(() => at(video)).toBeCloseTo(before + 1 / 30, 2);
  await page.keyboard.press(',');
  await expect.poll(() => at(video)).toBeCloseTo(before, 2);

  // m mutes, and the button says so.
  const mute = player.getByRole('button', { name: 'Mute' });
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('m');
  expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await expect(player.getByRole('slider', { name: 'Volume' })).toHaveValue('0');

  // k plays and pauses; the focus stays in the player, so k never reaches the list shortcut.
  await page.keyboard.press('k');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
  await page.keyboard.press('k');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);

  await page.keyboard.press('End');
  await expect.poll(() => at(video)).toBeGreaterThanOrEqual(duration - 0.05);
  await page.keyboard.press('Home');
  await expect.poll(() => at(video)).toBe(0);
  // Letter keys work from a focused control too (the seek bar keeps its own arrows).
  const seek = player.getByRole('slider', { name: 'Seek' });
  await seek.focus();
  await page.keyboard.press('l');
  await expect.poll(() => at(video)).toBeCloseTo(10, 1);
  await expect(seek).toHaveValue('10');
  await page.keyboard.press('Home');
  await expect.poll(() => at(video)).toBe(0);

  // Remaining time at the current speed; the choice is remembered.
  const time = player.getByTestId('player-time');
  await expect(time).toHaveText('0:00 / 0:20');
  await time.click();
  await expect(time).toHaveText('-0:20 left');
  await player.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await expect(time).toHaveText('-0:10 left');

  // Picture-in-picture where Chromium allows it; download under More, with a file name.
  const pipEnabled = await page.evaluate(() => document.pictureInPictureEnabled);
  await expect(player.getByRole('button', { name: 'Picture in picture' })).toHaveCount(pipEnabled ? 1 : 0);
  expect(pipEnabled).toBe(true);
  await player.getByRole('button', { name: 'More' }).click();
  const download = player.getByRole('menuitem', { name: 'Download' });
  await expect(download).toHaveAttribute('download', 'Player keys demo.mp4');
  const href = String(await download.getAttribute('href'));
  expect(href).toBe(await video.getAttribute('src'));
  const file = await page.context().request.get(href);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toMatch(/^video\//);
  const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(saved.suggestedFilename()).toBe('Player keys demo.mp4');

  await page.screenshot({ path: shot('player-light') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: shot('player-dark') });

  // Remembered across pages: still muted, still showing time left.
  const again = await openPlayer(page, pathname);
  expect(await again.video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
  await expect(again.player.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'true');
  // (At 1×: the speed is per page; the remembered position may be a few seconds in.)
  await expect(again.player.getByTestId('player-time')).toHaveText(/^-0:[0-2]\d left$/);
  await again.player.getByRole('button', { name: 'Mute' }).click();
  expect(await again.video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);

  // A phone: every control fits on one 390 px screen; picture-in-picture moves under More.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'light' });
  const controls = again.player.getByRole('button', { name: 'Play' }).locator('..');
  for (const control of await controls.locator(':scope > *').all()) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Two rows: the seek bar, then every button on one line.
  const rowOf = async (name: string) => (await again.player.getByRole('button', { name }).boundingBox())?.y;
  expect(await rowOf('More')).toBe(await rowOf('Play'));
  expect(await rowOf('Full screen')).toBe(await rowOf('Play'));
  await expect(again.player.getByRole('button', { name: 'Picture in picture' })).toBeHidden();
  await again.player.getByRole('button', { name: 'More' }).click();
  await expect(again.player.getByRole('menuitemcheckbox', { name: 'Picture in picture' })).toBeVisible();
  await page.screenshot({ path: shot('player-phone-light') });
  await expect(again.player.getByRole('menuitem', { name: 'Download' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(again.player.getByRole('menuitemcheckbox', { name: 'Picture in picture' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(again.player.getByRole('menu')).toHaveCount(0);
  await expect(again.player.getByRole('button', { name: 'More' })).toBeFocused();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: shot('player-phone-dark') });

  // A link viewer streams, but gets no download. (Recordings are shared by link once posted.)
  const benContext = await browser.newContext();
  const ben = await api.addMember(page.context().request, csrfToken, benContext.request, BEN);
  await startThread(page.context().request, csrfToken, {
    subject: 'Player demo',
    userIds: [ben.id],
    body: 'Have a look.',
    mediaIds: [mediaId],
  });
  const link = await page.context().request.post('/api/share-links', {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'media', id: mediaId },
  });
  expect(link.status(), await link.text()).toBe(201);
  const { url } = await link.json();
  const outsiderContext = await browser.newContext({ baseURL: server.url });
  const outsider = await outsiderContext.newPage();
  const shared = await openPlayer(outsider, new URL(url, server.url).pathname);
  await expect(shared.player.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(shared.player.getByRole('button', { name: 'More' })).toBeHidden();
  await expect(outsider.getByRole('menuitem', { name: 'Download' })).toHaveCount(0);
  await outsiderContext.close();
  await benContext.close();
});

test('a voice note takes the same keys: l, digits, m, k, and > for speed', async ({ page, api }) => {
  test.setTimeout(120_000);
  await api.setUpWorkspace(page.context().request);
  const mediaId = await uploadRecording(page, voice);
  await page.goto(await shareUrlOf(page, mediaId));
  const play = page.getByRole('button', { name: 'Play voice note' });
  await expect(play).toBeVisible({ timeout: 30_000 });
  const audio = page.locator('audio');
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);

  await play.focus();
  await page.keyboard.press('l');
  await expect.poll(() => at(audio)).toBeCloseTo(10, 1);
  await page.keyboard.press('j');
  await expect.poll(() => at(audio)).toBeCloseTo(0, 1);
  await page.keyboard.press('5');
  await expect.poll(() => at(audio)).toBeGreaterThan(9.5);
  await page.keyboard.press('m');
  expect(await audio.evaluate((a: HTMLAudioElement) => a.muted)).toBe(true);
  await page.keyboard.press('>');
  await expect(page.getByRole('button', { name: 'Voice note speed 1.25×' })).toBeVisible();
  expect(await audio.evaluate((a: HTMLAudioElement) => [a.playbackRate, a.preservesPitch])).toEqual([
    1.25,
    true,
  ]);
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Pause voice note' })).toBeVisible();
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Play voice note' })).toBeVisible();
  await page.getByRole('button', { name: 'Voice note speed 1.25×' }).click();
  await expect(page.getByRole('button', { name: 'Voice note speed 1.5×' })).toBeVisible();
  await page.screenshot({ path: shot('voice-note') });
});
