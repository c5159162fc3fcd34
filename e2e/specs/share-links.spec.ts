import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { BEN, startThread, uploadRecording } from '../fixtures/recorder';
import { startServer } from '../fixtures/server';
import { test as base, expect } from '../fixtures/test';

/**
 * The unlock limit counts per link and per viewer address. Behind a trusted proxy each context
 * can speak for its own address (X-Forwarded-For), so one phone gets locked out while a viewer
 * elsewhere, who knows the password, still gets in.
 */
const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  server: async ({}, use, testInfo) => {
    const server = await startServer({ TRUST_PROXY: 'true' });
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('server.log', { body: server.logs() });
    await server.stop();
  },
});

// Words pocketsphinx gets from espeak-ng reliably (see transcripts.spec.ts): assert on "country".
const SENTENCE = 'The country meeting is on Thursday';
const KEYWORD = 'country';
const PASSWORD = 'blue harbour lights';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let dir: string;
let clip: string;
let voice: string;
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-share-'));
  const speech = path.join(dir, 'speech.wav');
  clip = path.join(dir, 'walkthrough.mp4');
  voice = path.join(dir, 'numbers.m4a');
  execFileSync('espeak-ng', ['-v', 'en+f2', '-s', '150', '-w', speech, SENTENCE]);
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', speech, '-c:a', 'aac', voice]);
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=15', '-i', speech],
    ...['-af', 'apad=pad_dur=1', '-t', '5', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-c:a', 'aac', clip],
  ]);
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const shot = (name: string) => test.info().outputPath(`${name}.png`);

/** A signed-out browser (as a given address) that records every API path it calls. */
async function viewer(browser: Browser, baseURL: string, ip: string, size: 'phone' | 'desktop') {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    ...(size === 'phone' ? PHONE : {}),
    extraHTTPHeaders: { 'x-forwarded-for': ip },
  });
  const page: Page = await context.newPage();
  const apiCalls: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/') || pathname.startsWith('/media/'))
      apiCalls.push(`${r.method()} ${pathname}`);
  });
  return { context, page, apiCalls };
}

test('a password link to a recording: locked out after wrong tries, opens with the right one on a phone, revoked shows a clear page', async ({
  page: ana,
  browser,
  api,
  server,
}) => {
  test.setTimeout(180_000);
  const { csrfToken } = await api.setUpWorkspace(ana.context().request);
  const benContext = await browser.newContext();
  const ben = await api.addMember(ana.context().request, csrfToken, benContext.request, BEN);

  // Ana uploads a short spoken clip, sends it to Ben, and waits for its transcript.
  const mediaId = await uploadRecording(ana, clip);
  const thread = await startThread(ana.context().request, csrfToken, {
    subject: 'Harbour plan',
    userIds: [ben.id],
    body: 'The walkthrough for the **harbour** plan.',
    mediaIds: [mediaId],
  });
  await expect
    .poll(
      async () => (await (await ana.context().request.get(`/api/media/${mediaId}/transcript`)).json()).status,
      {
        timeout: 90_000,
        intervals: [1000],
      },
    )
    .toBe('done');

  // In the thread, Ana shares the recording with a password; the URL is shown once.
  await ana.goto(`/threads/${thread.id}`);
  await ana.getByRole('button', { name: 'Share this recording…' }).click();
  const dialog = ana.getByRole('dialog', { name: 'Share this recording by link' });
  await dialog.getByLabel('Require a password').check();
  await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await dialog.getByLabel('Link works for').selectOption('7');
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const urlBox = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(urlBox).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  const url = await urlBox.inputValue();
  await expect(dialog.getByRole('listitem')).toContainText('password');
  await ana.screenshot({ path: shot('share-dialog-desktop') });
  await ana.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A phone, signed out: five wrong passwords lock this address out, even for the right one.
  const phone = await viewer(browser, server.url, '198.51.100.20', 'phone');
  await phone.page.goto(url);
  await expect(phone.page.getByRole('heading', { name: 'This link is protected' })).toBeVisible();
  expect(await phone.page.content()).not.toContain('Harbour plan');
  const password = phone.page.getByLabel('Password', { exact: true });
  for (let i = 1; i <= 4; i++) {
    await password.fill(`wrong guess ${i}`);
    await phone.page.getByRole('button', { name: 'Open' }).click();
    await expect(phone.page.getByText('Wrong password')).toBeVisible();
  }
  await password.fill('wrong guess 5');
  await phone.page.getByRole('button', { name: 'Open' }).click();
  const lockedOut = phone.page.getByRole('status').filter({ hasText: 'Locked for now' });
  await expect(lockedOut).toContainText(
    /Too many wrong passwords for this link\. Try again in \d+ minutes?\./,
  );
  await password.fill(PASSWORD);
  await phone.page.getByRole('button', { name: 'Open' }).click();
  await expect(lockedOut).toBeVisible();
  await expect(phone.page.getByRole('heading', { name: 'This link is protected' })).toBeVisible();
  await phone.page.screenshot({ path: shot('share-locked-out-phone') });

  // Someone else, elsewhere, with the right password: the page opens and plays.
  const other = await viewer(browser, server.url, '203.0.113.7', 'phone');
  await other.page.goto(url);
  await other.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await other.page.getByRole('button', { name: 'Open' }).click();
  await expect(other.page.getByRole('heading', { name: 'walkthrough.mp4', level: 1 })).toBeVisible();
  await expect(other.page.getByText(/^Ana Owner ·/)).toBeVisible();
  const player = other.page.getByRole('region', { name: /^Player:/ });
  const video = player.locator('video');
  await expect(video).toHaveAttribute('poster', /\/media\/.+\/poster\?.*share=/);
  const poster = await other.context.request.get(String(await video.getAttribute('poster')));
  expect(poster.status()).toBe(200);
  expect(poster.headers()['content-type']).toMatch(/^image\//);
  const transcript = other.page.getByRole('region', { name: 'Transcript' });
  await expect(transcript).toContainText(KEYWORD);
  await expect(player.getByRole('button', { name: 'Captions' })).toHaveAttribute('aria-pressed', 'true');
  await player.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 })
    .toBeGreaterThan(1);
  await player.getByRole('button', { name: 'Pause' }).click();
  // Click-to-seek: a word of the transcript moves the player to it.
  const word = transcript.getByRole('button', { name: new RegExp(KEYWORD, 'i') }).first();
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 4.5;
  });
  await word.click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(4);
  // The page fits a phone: nothing wider than the screen.
  expect(await other.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await other.page.screenshot({ path: shot('share-open-phone'), fullPage: true });
  // Only the link's own API and its signed media URLs — never a member endpoint.
  expect(other.apiCalls.length).toBeGreaterThan(0);
  for (const call of other.apiCalls) expect(call).toMatch(/^(GET|POST) \/(api\/s\/|media\/)/);

  // A desktop browser, for the wide layout.
  const desk = await viewer(browser, server.url, '203.0.113.8', 'desktop');
  await desk.page.goto(url);
  await desk.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await desk.page.getByRole('button', { name: 'Open' }).click();
  await expect(desk.page.getByRole('region', { name: 'Transcript' })).toContainText(KEYWORD);
  await desk.page.screenshot({ path: shot('share-open-desktop') });

  // Ana sees the views and revokes the link; the open page, reloaded, shows the clear page.
  await ana.getByRole('button', { name: 'Share this recording…' }).click();
  const row = dialog.getByRole('listitem');
  await expect(row).toContainText(/[23] views/);
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await expect(row).toContainText('Turned off');
  await other.page.reload();
  await expect(other.page.getByRole('heading', { name: "This link doesn't work" })).toBeVisible();
  await expect(other.page.getByText('Ask the person who sent it for a new one.')).toBeVisible();
  const html = await other.page.content();
  expect(html).not.toMatch(/Harbour plan|harbour|walkthrough|country|Ana Owner|\/media\//i);
  await other.page.screenshot({ path: shot('share-revoked-phone') });
  const gone = await other.context.request.get(`/api/s/${url.split('/s/')[1]}`);
  expect(gone.status()).toBe(404);
  const unknown = await other.context.request.get(`/api/s/${'z'.repeat(43)}`);
  expect(await gone.text()).toBe(await unknown.text());
});

test('a thread link with comments on: a phone reads the posts and comments; the member sees the comment', async ({
  page: ana,
  browser,
  api,
  server,
}) => {
  test.setTimeout(120_000);
  const { csrfToken } = await api.setUpWorkspace(ana.context().request);
  const benContext = await browser.newContext();
  const ben = await api.addMember(ana.context().request, csrfToken, benContext.request, BEN);
  // A voice note goes with the post.
  const mediaId = await uploadRecording(ana, voice);
  const thread = await startThread(ana.context().request, csrfToken, {
    subject: 'Quarterly numbers',
    userIds: [ben.id],
    body: 'Revenue is **up 12%**; costs are flat.\n\n- North: strong\n- South: slower',
    mediaIds: [mediaId],
  });
  const link = await ana.context().request.post('/api/share-links', {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'thread', id: thread.id, allowComments: true },
  });
  expect(link.status(), await link.text()).toBe(201);
  const { url } = await link.json();

  const phone = await viewer(browser, server.url, '198.51.100.30', 'phone');
  await phone.page.goto(url);
  await expect(phone.page.getByRole('heading', { name: 'Quarterly numbers', level: 1 })).toBeVisible();
  const post = phone.page.getByRole('region', { name: 'Message from Ana Owner' });
  await expect(post.getByText('up 12%')).toHaveJSProperty('tagName', 'STRONG');
  await expect(post.getByTestId('waveform')).toBeVisible();
  await expect(
    post.getByRole('region', { name: /^Player:/ }).getByRole('button', { name: 'Play' }),
  ).toBeVisible();
  await phone.page.getByRole('button', { name: 'Send comment' }).click();
  await expect(phone.page.getByText('Enter your name')).toBeVisible();
  await phone.page.getByLabel('Your name').fill('Vera from Northwind');
  await phone.page.getByLabel('Comment', { exact: true }).fill('Thanks, the South numbers match ours.');
  await phone.page.getByRole('button', { name: 'Send comment' }).click();
  await expect(phone.page.getByText('Thanks — your comment was sent.')).toBeVisible();
  await expect(phone.page.getByRole('region', { name: 'Message from Vera from Northwind' })).toContainText(
    'the South numbers match ours',
  );
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.page.screenshot({ path: shot('share-thread-phone'), fullPage: true });
  for (const call of phone.apiCalls) expect(call).toMatch(/^(GET|POST) \/(api\/s\/|media\/)/);

  // In the app, the comment is a post in the thread, by the viewer's name.
  await ana.goto(`/threads/${thread.id}`);
  await expect(ana.getByText('Thanks, the South numbers match ours.')).toBeVisible();
  await expect(ana.getByText('Vera from Northwind').first()).toBeVisible();
});
