import type { Locator, Page } from '@playwright/test';
import { type FakeMedia, makeFakeMedia } from '../fixtures/media';
import {
  downloadedDuration,
  note,
  recordFor,
  stopRecording,
  waitForTimer,
  waitUntilReady,
} from '../fixtures/recorder';
import { expect, test } from '../fixtures/test';

let fake: FakeMedia;
test.beforeAll(() => {
  fake = makeFakeMedia();
});
test.afterAll(() => fake.dispose());

/** Stop → the whole recording reaches the server, and what it serves lasts as long as was recorded. */
async function stopAndExpectAllSaved(ana: Page, dialog: Locator) {
  const { shareUrl, durationMs } = await stopRecording(ana);
  await expect(dialog.getByText('Saved to server — all of it')).toBeVisible({ timeout: 45_000 });

  const media = await waitUntilReady(ana.context().request, shareUrl);
  const probed = await downloadedDuration(ana, media.playbackUrl as string, fake.dir);
  note({ durationMs, serverDurationMs: media.durationMs, probed });
  expect(Math.abs(probed - durationMs / 1000)).toBeLessThan(0.3);
}

test('the network drops for 10 s in a 30 s recording: it records on, catches up, nothing is lost', async ({
  browserWithDevices,
  api,
}) => {
  test.setTimeout(150_000);
  const { context, page: ana } = await browserWithDevices({ audio: fake.speechWav, video: fake.cameraY4m });
  await api.setUpWorkspace(context.request);
  const dialog = await recordFor(ana, 'Camera', 10);
  await context.setOffline(true);
  await expect(dialog.getByText(/offline, kept in this browser/)).toBeVisible();
  await waitForTimer(ana, 20);
  await context.setOffline(false);
  await waitForTimer(ana, 30);
  await stopAndExpectAllSaved(ana, dialog);
});

test('the page reloads mid-recording: the next visit offers to finish the upload, and does', async ({
  browserWithDevices,
  api,
  server,
}) => {
  test.setTimeout(120_000);
  const { context, page: ana } = await browserWithDevices({ audio: fake.speechWav, video: fake.cameraY4m });
  await api.setUpWorkspace(context.request);
  await recordFor(ana, 'Camera', 6);
  await ana.reload();

  const banner = ana.getByRole('status').filter({ hasText: 'Finish uploading what you recorded' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Finish upload' }).click();
  const open = banner.getByRole('link', { name: 'open' });
  await expect(open).toBeVisible({ timeout: 45_000 });
  const shareUrl = new URL((await open.getAttribute('href')) as string, server.url).toString();

  const media = await waitUntilReady(context.request, shareUrl);
  const probed = await downloadedDuration(ana, media.playbackUrl as string, fake.dir);
  note({ serverDurationMs: media.durationMs, probed });
  // Up to the last chunk handed over before the reload (one a second): 5–7 s of the 6 s.
  expect(probed).toBeGreaterThan(4.5);
  expect(probed).toBeLessThan(7.5);
});

test('the server is killed (SIGKILL) mid-recording and restarted: the upload resumes and completes', async ({
  browserWithDevices,
  api,
  server,
}) => {
  test.setTimeout(150_000);
  const { context, page: ana } = await browserWithDevices({ audio: fake.speechWav, video: fake.cameraY4m });
  await api.setUpWorkspace(context.request);
  const dialog = await recordFor(ana, 'Camera', 6);
  await server.kill();
  await expect(dialog.getByText(/offline, kept in this browser/)).toBeVisible();
  await waitForTimer(ana, 10);
  await server.restart();
  await waitForTimer(ana, 16);
  await stopAndExpectAllSaved(ana, dialog);
});
