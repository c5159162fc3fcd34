import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BEN, startThread, uploadRecording } from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

let dir: string;
let clip: string;
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-moments-'));
  clip = path.join(dir, 'walkthrough.mp4');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', '20', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-c:a', 'aac', clip],
  ]);
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const shot = (name: string) => test.info().outputPath(`${name}.png`);

test('comments and reactions on the moment show on the timeline; the author sees who watched', async ({
  page: ana,
  browser,
  api,
}) => {
  test.setTimeout(150_000);
  const { csrfToken } = await api.setUpWorkspace(ana.context().request);
  const benContext = await browser.newContext();
  const benMember = await api.addMember(ana.context().request, csrfToken, benContext.request, BEN);

  // Ana uploads a 20 s recording and sends it to Ben in a thread.
  const mediaId = await uploadRecording(ana, clip, 'Ready · 0:20');
  const thread = await startThread(ana.context().request, csrfToken, {
    subject: 'Launch walkthrough',
    userIds: [benMember.id],
    body: 'Here is the walkthrough.',
    mediaIds: [mediaId],
  });

  // Ben plays it for a while: the player reports what he watched when he pauses.
  const ben = await benContext.newPage();
  await ben.goto(`/threads/${thread.id}`);
  const player = ben.getByRole('region', { name: /^Player:/ });
  await player.getByRole('button', { name: 'Play' }).click();
  const video = player.locator('video');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 })
    .toBeGreaterThan(6);
  const reported = ben.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/media/${mediaId}/views`),
  );
  await player.getByRole('button', { name: 'Pause' }).click();
  const report = await (await reported).json();
  expect(report.counted).toBe(true);

  // He seeks to 0:04 and comments there with `c`, then reacts at 0:12.
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 4.2;
  });
  await player.getByRole('slider', { name: 'Seek' }).focus();
  await ben.keyboard.press('c');
  const box = ben.getByLabel('Comment at 0:04');
  await expect(box).toBeFocused();
  await box.fill('The pricing slide needs the new numbers');
  await ben.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(box).toBeHidden();

  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 12;
  });
  await ben.getByRole('button', { name: 'React 🎉 at 0:12' }).click();

  // Marks on the timeline and the list beside the player.
  const marks = player.getByRole('list', { name: 'Comments and reactions on the timeline' });
  await expect(marks.locator('[data-mark="comment"]')).toHaveCount(1);
  await expect(marks.locator('[data-mark="reaction"]')).toHaveText('🎉');
  const list = ben.getByRole('list').filter({ hasText: 'The pricing slide needs the new numbers' }).first();
  await expect(ben.getByRole('heading', { name: 'Comments on this recording' })).toBeVisible();
  await expect(list).toContainText('0:04');
  // The comment is a post in the thread too, tied to its moment.
  await expect(ben.getByRole('button', { name: 'at 0:04 on walkthrough.mp4' })).toBeVisible();
  await ben.screenshot({ path: shot('ben-moments'), fullPage: true });

  // Clicking the comment in the list seeks there; so does the moment line of the post.
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 15;
  });
  await ben.getByRole('button', { name: /^Play from 0:04: Ben Colleague said/ }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(4.2, 0);
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 15;
  });
  await ben.getByRole('button', { name: 'at 0:04 on walkthrough.mp4' }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(4.2, 0);
  // Hovering or focusing a mark shows what was said.
  await marks.locator('[data-mark="comment"]').hover();
  await expect(
    marks.getByText('Ben Colleague at 0:04: The pricing slide needs the new numbers'),
  ).toBeVisible();
  await marks.locator('[data-mark="comment"]').focus();
  await expect(
    marks.getByText('Ben Colleague at 0:04: The pricing slide needs the new numbers'),
  ).toBeVisible();
  await player.screenshot({ path: shot('ben-timeline-hover') });

  // Ana sees Ben's comment live on her open thread, and Ben in "Seen by" with a bar.
  await ana.goto(`/threads/${thread.id}`);
  const seen = ana.getByRole('region', { name: 'Seen by' });
  await expect(seen).toContainText('Seen by 1 of 1');
  const row = seen.locator('[data-person="Ben Colleague"]');
  await expect(row.locator('[data-segment]')).toHaveCount(1);
  await expect(row).toContainText('%');
  await expect(
    ana.getByRole('list', { name: 'Comments and reactions on the timeline' }).locator('[data-mark]'),
  ).toHaveCount(2);

  // A reaction Ben adds now shows on Ana's open player without a reload (live update).
  await ben.getByRole('button', { name: 'React 👀 at 0:04' }).click();
  await expect(
    ana.getByRole('list', { name: 'Comments and reactions on the timeline' }).locator('[data-mark]'),
  ).toHaveCount(3);

  // Ana replies to Ben's comment from the reply box.
  await ana
    .getByRole('listitem')
    .filter({ hasText: 'The pricing slide' })
    .getByRole('button', { name: 'Reply' })
    .click();
  await expect(ana.getByTestId('moment-draft')).toContainText("Replying to Ben Colleague's comment at 0:04");
  await ana.getByRole('textbox', { name: 'Reply' }).fill('Updated numbers are in the deck now');
  await ana.getByRole('button', { name: 'Send reply' }).click();
  await expect(ana.getByText('1 reply')).toBeVisible();
  await expect(ben.getByText('Updated numbers are in the deck now')).toBeVisible({ timeout: 15_000 });
  await ana.screenshot({ path: shot('ana-seen-by'), fullPage: true });

  // Dark theme: the same page stays readable.
  await ana.emulateMedia({ colorScheme: 'dark' });
  await ana.screenshot({ path: shot('ana-seen-by-dark'), fullPage: true });
  await benContext.close();
});

test('a voice note carries comment marks too; c comments at the current time', async ({
  page: ana,
  browser,
  api,
}) => {
  test.setTimeout(120_000);
  const tone = path.join(dir, 'standup.m4a');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=330', '-t', '10', '-c:a', 'aac', tone],
  ]);
  const { csrfToken } = await api.setUpWorkspace(ana.context().request);
  const benContext = await browser.newContext();
  const benMember = await api.addMember(ana.context().request, csrfToken, benContext.request, BEN);
  const thread = await startThread(ana.context().request, csrfToken, {
    subject: 'Stand-up',
    userIds: [benMember.id],
    body: 'My update.',
    mediaIds: [await uploadRecording(ana, tone)],
  });

  const ben = await benContext.newPage();
  await ben.goto(`/threads/${thread.id}`);
  await expect(ben.getByRole('button', { name: 'Play voice note' })).toBeVisible({ timeout: 30_000 });
  const audio = ben.locator('audio');
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(9);
  await audio.evaluate((a: HTMLAudioElement) => {
    a.currentTime = 6.5;
  });
  await ben.getByRole('slider', { name: 'Seek voice note' }).focus();
  await ben.keyboard.press('c');
  const box = ben.getByLabel('Comment at 0:06');
  await expect(box).toBeFocused();
  await box.fill('Which ticket is this?');
  await box.press('Control+Enter');
  const mark = ben.getByRole('button', { name: 'Ben Colleague at 0:06: Which ticket is this?' });
  await expect(mark).toBeVisible();
  await audio.evaluate((a: HTMLAudioElement) => {
    a.currentTime = 1;
  });
  await mark.click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeCloseTo(6.5, 0);
  await mark.focus();
  await ben.locator('[data-player]').screenshot({ path: shot('voice-note-marks') });
  await benContext.close();
});
