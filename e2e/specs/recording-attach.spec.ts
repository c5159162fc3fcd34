import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type FakeMedia, makeFakeMedia } from '../fixtures/media';
import { BEN, recordVoiceReply, startThread } from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

let fake: FakeMedia;
test.beforeAll(() => {
  fake = makeFakeMedia();
});
test.afterAll(() => fake.dispose());

test('a voice note from the reply box arrives inline in the thread, playable with its waveform', async ({
  browser,
  browserWithDevices,
  api,
}) => {
  test.setTimeout(120_000);
  const { context: anaContext, page: ana } = await browserWithDevices({ audio: fake.speechWav });
  const { csrfToken } = await api.setUpWorkspace(anaContext.request);
  const benContext = await browser.newContext();
  const benMember = await api.addMember(anaContext.request, csrfToken, benContext.request, BEN);
  const thread = await startThread(anaContext.request, csrfToken, {
    subject: 'Pelican banner',
    userIds: [benMember.id],
    body: 'Thoughts on the banner?',
  });

  // One click on "Voice note" records (after the countdown); Stop, attach, send.
  await ana.goto(`/threads/${thread.id}`);
  await recordVoiceReply(ana, 5);

  // Ben sees it inline: play button, waveform, duration; it plays without opening anything.
  const ben = await benContext.newPage();
  await ben.goto(`/threads/${thread.id}`);
  const play = ben.getByRole('button', { name: 'Play voice note' });
  await expect(play).toBeVisible({ timeout: 45_000 });
  await expect(ben.getByTestId('waveform').locator('rect')).toHaveCount(48);
  await play.click();
  const audio = ben.locator('audio');
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(1);
  // Pausing remembers the position: after a reload Ben continues from there.
  const saved = ben.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/position'));
  await ben.getByRole('button', { name: 'Pause voice note' }).click();
  const response = await saved;
  expect(response.status()).toBe(200);
  const positionMs = response.request().postDataJSON().positionMs as number;
  await ben.reload();
  await expect
    .poll(() => ben.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(positionMs / 1000 - 0.1);
});

test('uploading files: a real video gets ready; a text file named .mp4 fails with a reason', async ({
  page,
  api,
}) => {
  test.setTimeout(90_000);
  await api.setUpWorkspace(page.context().request);
  const video = path.join(fake.dir, 'clip.mp4');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', '2', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-c:a', 'aac', video],
  ]);
  const fakeVideo = path.join(fake.dir, 'notes.mp4');
  fs.writeFileSync(fakeVideo, 'This is plain text, not a video.\n'.repeat(200));

  await page.goto('/recordings');
  await page.getByLabel('Upload a video or audio file').setInputFiles([video, fakeVideo]);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  const good = uploads.getByRole('listitem').filter({ hasText: 'clip.mp4' });
  const bad = uploads.getByRole('listitem').filter({ hasText: 'notes.mp4' });
  await expect(good).toContainText('Ready · 0:02', { timeout: 45_000 });
  await expect(bad).toContainText(/Failed: .+/, { timeout: 45_000 });

  // A file that is not audio or video by its name is refused before any upload.
  const text = path.join(fake.dir, 'readme.txt');
  fs.writeFileSync(text, 'hello');
  await page.getByLabel('Upload a video or audio file').setInputFiles(text);
  await expect(page.getByRole('alert')).toContainText('Not a video or audio file: readme.txt');
});
