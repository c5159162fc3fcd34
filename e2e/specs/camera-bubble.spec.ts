import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { type FakeMedia, makeFakeMedia } from '../fixtures/media';
import {
  clockSeconds,
  note,
  openRecorder,
  startRecording,
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

// Frames are scaled down to this width before looking at them: enough to tell corners apart.
const W = 160;

/** The frame at `seconds`, W pixels wide (height per the aspect), as RGB bytes. */
function frameAt(file: string, seconds: number): { rgb: Buffer; height: number } {
  const rgb = execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-ss', String(seconds), '-i', file],
    ...['-frames:v', '1', '-vf', `scale=${W}:-2`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
  ]);
  expect(rgb.length, `a frame at ${seconds} s`).toBeGreaterThan(0);
  return { rgb, height: rgb.length / (W * 3) };
}

/** When the last video frame is shown (the audio may run a little longer). */
function lastVideoFrame(file: string): number {
  const out = execFileSync('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file],
  ]);
  return Math.max(
    ...out
      .toString()
      .split('\n')
      .map((line) => Number.parseFloat(line))
      .filter(Number.isFinite),
  );
}

/**
 * In a square of the frame around (cx, cy): the share of pixels that are clearly green (the fake
 * screen is Chromium's green pattern; the fake camera is ffmpeg's many-coloured test source).
 */
function greenShare(rgb: Buffer, cx: number, cy: number, half: number): number {
  let green = 0;
  let all = 0;
  for (let y = Math.round(cy - half); y < cy + half; y++) {
    for (let x = Math.round(cx - half); x < cx + half; x++) {
      const i = (y * W + x) * 3;
      const [r, g, b] = [rgb[i] ?? 0, rgb[i + 1] ?? 0, rgb[i + 2] ?? 0];
      if (g > r + 40 && g > b + 40) green++;
      all++;
    }
  }
  return green / all;
}

/** Green shares where a large bubble would sit top left and bottom right (landscape frame). */
function corners({ rgb, height }: { rgb: Buffer; height: number }) {
  // Large: 40 % of the shorter side across, 1/30 of it from the edges; look at its middle half.
  const d = height * 0.4;
  const centre = height / 30 + d / 2;
  return {
    topLeft: greenShare(rgb, centre, centre, d / 4),
    bottomRight: greenShare(rgb, W - centre, height - centre, d / 4),
  };
}

test('Screen and camera: the bubble goes where it is put, before and while recording', async ({
  browserWithDevices,
  api,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await browserWithDevices({ audio: fake.speechWav, video: fake.cameraY4m });
  await api.setUpWorkspace(context.request);
  const dialog = await openRecorder(page, 'Screen and camera');

  await dialog.getByRole('group', { name: 'Bubble corner' }).getByRole('radio', { name: 'Top left' }).check();
  await dialog.getByRole('group', { name: 'Bubble size' }).getByRole('radio', { name: 'Large' }).check();
  await page.screenshot({ path: test.info().outputPath('setup.png') });

  await startRecording(page);
  await waitForTimer(page, 2);
  // Frames are timed by a worker, which keeps its pace while the tab is hidden (people switch
  // away to show what they record); requestAnimationFrame would stop.
  expect(page.workers().some((w) => w.url().includes('frame-clock'))).toBe(true);
  const self = dialog.getByLabel('Camera preview');
  expect(await self.evaluate((v) => v.getBoundingClientRect().width)).toBeGreaterThan(140);
  // Keyboard: the moving control is a radio group; from Top left, three steps on is Bottom right.
  const mover = dialog.getByRole('group', { name: 'Move bubble' });
  await expect(mover.getByRole('radio', { name: 'Top left' })).toBeChecked();
  await mover.getByRole('radio', { name: 'Top left' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(mover.getByRole('radio', { name: 'Bottom right' })).toBeChecked();
  // The move happened before the timer's next second: at least 2 s more show the bubble moved.
  const movedBy = clockSeconds((await dialog.getByRole('timer').textContent()) ?? '') + 1;
  await waitForTimer(page, movedBy + 2);
  await page.screenshot({ path: test.info().outputPath('recording.png') });
  const { shareUrl, durationMs } = await stopRecording(page);

  const media = await waitUntilReady(context.request, shareUrl);
  const response = await context.request.get(media.playbackUrl ?? '');
  expect(response.status()).toBe(200);
  const file = test.info().outputPath('recording.media');
  fs.writeFileSync(file, await response.body());

  const end = lastVideoFrame(file);
  expect(end).toBeGreaterThan(movedBy + 1);
  const [early, late] = [1, end - 0.3];
  // The two frames looked at, full size, next to the test's screenshots.
  for (const t of [early, late])
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-ss', String(t), '-i', file, '-frames:v', '1'],
      test.info().outputPath(`frame-${t.toFixed(1)}s.png`),
    ]);
  const before = corners(frameAt(file, early));
  const after = corners(frameAt(file, late));
  note({ durationMs, movedBy, end, before, after });
  // Before the move the camera (hardly any green) is top left, the screen (green) bottom right…
  expect(before.topLeft).toBeLessThan(0.3);
  expect(before.bottomRight).toBeGreaterThan(0.7);
  // …and after it the other way round.
  expect(after.topLeft).toBeGreaterThan(0.7);
  expect(after.bottomRight).toBeLessThan(0.3);
});
