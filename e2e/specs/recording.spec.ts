import type { Page } from '@playwright/test';
import { type FakeMedia, makeFakeMedia } from '../fixtures/media';
import {
  downloadedDuration,
  type Mode,
  note,
  openRecorder,
  shared,
  signedInBen,
  startRecording,
  stopRecording,
  throttleUpload,
  waitForTimer,
} from '../fixtures/recorder';
import { type Api, expect, test } from '../fixtures/test';

let fake: FakeMedia;
test.beforeAll(() => {
  fake = makeFakeMedia();
});
test.afterAll(() => fake.dispose());

/**
 * Ana records `seconds` of `mode` in a browser whose camera and microphone play the fake files;
 * the upload is throttled just before Stop, so the link must appear while bytes are in flight.
 */
async function recordWithLinkBeforeUpload(ana: Page, mode: Mode, seconds: number) {
  const dialog = await openRecorder(ana, mode);
  // The speech file is heard: the meter moves.
  await expect
    .poll(() => dialog.locator('meter').evaluate((m: HTMLMeterElement) => m.value))
    .toBeGreaterThan(0.01);
  await startRecording(ana);
  await waitForTimer(ana, seconds);
  const unthrottle = await throttleUpload(ana);
  const { shareUrl, durationMs } = await stopRecording(ana);
  const atLink = await shared(ana.context().request, shareUrl);
  expect(atLink.status).toBe('uploading');
  expect(atLink.sizeBytes === null || atLink.uploadedBytes < atLink.sizeBytes).toBe(true);
  await unthrottle();
  await expect(dialog.getByText('Saved to server — all of it')).toBeVisible({ timeout: 30_000 });
  return { shareUrl, durationMs, bytesAtLink: atLink.uploadedBytes };
}

for (const mode of ['Camera', 'Screen and camera'] as const) {
  test(`${mode}: the link comes before the upload ends; Ben plays it, seeks to 5 s, duration matches`, async ({
    browser,
    browserWithDevices,
    api,
  }) => {
    test.setTimeout(120_000);
    const { context: anaContext, page: ana } = await browserWithDevices({
      audio: fake.speechWav,
      video: fake.cameraY4m,
    });
    const { csrfToken } = await api.setUpWorkspace(anaContext.request);
    const { shareUrl, durationMs, bytesAtLink } = await recordWithLinkBeforeUpload(ana, mode, 10);

    const ben = await (await signedInBen(browser, api as Api, anaContext.request, csrfToken)).newPage();
    await ben.goto(new URL(shareUrl).pathname);
    const video = ben.locator('video');
    await expect(video).toBeAttached({ timeout: 45_000 });
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
    const seekableEnd = await video.evaluate((v: HTMLVideoElement) =>
      v.seekable.length ? v.seekable.end(0) : 0,
    );
    expect(seekableEnd).toBeGreaterThanOrEqual(duration - 0.3);

    await ben.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.2);
    await ben.getByRole('slider', { name: 'Seek' }).fill('5');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(5);

    // Keyboard: > speeds up, pitch kept.
    await ben.getByRole('button', { name: 'Pause' }).press('>');
    await expect(ben.getByRole('combobox', { name: 'Speed' })).toHaveValue('1.25');
    expect(await video.evaluate((v: HTMLVideoElement) => [v.playbackRate, v.preservesPitch])).toEqual([
      1.25,
      true,
    ]);
    await ben.getByRole('button', { name: 'Pause' }).click();

    const src = await video.evaluate((v: HTMLVideoElement) => v.currentSrc);
    const probed = await downloadedDuration(ben, src, fake.dir);
    note({ mode, durationMs, playerDuration: duration, probed, bytesAtLink, seekableEnd });
    expect(Math.abs(duration - durationMs / 1000)).toBeLessThan(0.3);
    expect(Math.abs(probed - durationMs / 1000)).toBeLessThan(0.3);
  });
}

test('a voice note: the link comes at once, and Ben sees its waveform and plays it', async ({
  browser,
  browserWithDevices,
  api,
}) => {
  test.setTimeout(120_000);
  const { context: anaContext, page: ana } = await browserWithDevices({ audio: fake.speechWav });
  const { csrfToken } = await api.setUpWorkspace(anaContext.request);
  const { shareUrl, durationMs } = await recordWithLinkBeforeUpload(ana, 'Voice note', 6);

  const ben = await (await signedInBen(browser, api as Api, anaContext.request, csrfToken)).newPage();
  await ben.goto(new URL(shareUrl).pathname);
  await expect(ben.getByRole('button', { name: 'Play voice note' })).toBeVisible({ timeout: 45_000 });
  const media = await shared(ben.context().request, shareUrl);
  expect(media.waveform?.length ?? 0).toBeGreaterThan(10);
  expect(Math.max(...(media.waveform ?? [0]))).toBeGreaterThan(0.05);
  await expect(ben.getByTestId('waveform').locator('rect')).toHaveCount(48);

  await ben.getByRole('button', { name: 'Play voice note' }).click();
  const audio = ben.locator('audio');
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.2);
  const src = await audio.evaluate((a: HTMLAudioElement) => a.currentSrc);
  const probed = await downloadedDuration(ben, src, fake.dir);
  note({ durationMs, probed, peaks: media.waveform?.length });
  expect(Math.abs(probed - durationMs / 1000)).toBeLessThan(0.3);
});

test('a silent microphone is flagged before recording starts', async ({ browserWithDevices, api }) => {
  const { context, page } = await browserWithDevices({ audio: fake.silentWav });
  await api.setUpWorkspace(context.request);
  const dialog = await openRecorder(page, 'Voice note');
  await expect(dialog.getByText("We can't hear you — check your microphone")).toBeVisible();
  await expect(dialog.getByRole('timer')).toHaveCount(0);
});
