import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';
import { shareApi } from './share-links.test-helpers';

// A stand-in for the built SPA, so the page is served through the real web-app wiring.
const INDEX = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tidings</title>
<script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>`;

describe.each(databasesUnderTest())('share pages: headers and link previews (%s)', (kind) => {
  let t: TestApp;
  let ana: Session;
  let share: ReturnType<typeof shareApi>;
  let posted: Awaited<ReturnType<ReturnType<typeof shareApi>['postedRecording']>>;
  let webDir: string;

  beforeEach(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
    t = await createTestApp(kind, { WEB_DIST_DIR: webDir, PUBLIC_URL: 'https://tidings.example.com' });
    ana = await setUpWorkspace(t.app);
    const ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    share = shareApi(t);
    posted = await share.postedRecording(ana, ben);
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const page = (token: string) => request(t.app, { method: 'GET', url: `/s/${token}` });

  it('serves the app with no-referrer, noindex and Open Graph tags for a live link', async () => {
    const { token } = await share.created(ana, { kind: 'media', id: posted.mediaId });
    const response = await page(token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const html = response.body;
    expect(html).toContain('<script type="module" src="/assets/index-abc.js"></script>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<meta property="og:title" content="Deck walkthrough">');
    expect(html).toContain('<meta property="og:type" content="video.other">');
    const image = `https://tidings.example.com/s/${token}/poster.jpg`;
    expect(html).toContain(`<meta property="og:image" content="${image}">`);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(html).toContain('<title>Deck walkthrough · Tidings</title>');
    expect(html).not.toMatch(/<script>|<style>|style="/);

    // The preview image works without cookies, and only for this link.
    const poster = await request(t.app, { method: 'GET', url: `/s/${token}/poster.jpg` });
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect(poster.headers['x-robots-tag']).toBe('noindex, nofollow');

    const api = await share.view(token);
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    expect(api.headers['x-robots-tag']).toBe('noindex, nofollow');
  });

  it('describes a post by its text, escaped', async () => {
    const reply = await request(
      t.app,
      {
        method: 'POST',
        url: `/api/threads/${posted.threadId}/posts`,
        payload: { body: 'Numbers <"Q3"> are in' },
      },
      ana,
    );
    const { token } = await share.created(ana, { kind: 'post', id: reply.json().id });
    const html = (await page(token)).body;
    expect(html).toContain('<meta property="og:title" content="Slides for Friday">');
    expect(html).toContain(
      '<meta property="og:description" content="Numbers &lt;&quot;Q3&quot;&gt; are in">',
    );
  });

  it('gives password, unknown and revoked links the same generic page and no poster', async () => {
    const locked = await share.created(ana, { kind: 'media', id: posted.mediaId, password: 'open sesame' });
    const revoked = await share.created(ana, { kind: 'media', id: posted.mediaId });
    await share.revoke(ana, revoked.link.id);
    const pages = await Promise.all([locked.token, revoked.token, 'y'.repeat(43)].map(page));
    for (const response of pages) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(response.body).not.toMatch(/Deck walkthrough|Slides for Friday|og:image|og:description/);
      expect(response.body).toContain('<meta property="og:title" content="Shared with Tidings">');
    }
    expect(pages[0]?.body.replace(locked.token, '')).toBe(pages[2]?.body.replace('y'.repeat(43), ''));
    for (const token of [locked.token, revoked.token, 'y'.repeat(43)]) {
      const poster = await request(t.app, { method: 'GET', url: `/s/${token}/poster.jpg` });
      expect(poster.statusCode).toBe(404);
    }
  });
});
