import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type Session, setUpWorkspace, type TestApp } from '../../test/harness';

// Edge behaviour of the HTTP layer itself; the database does not matter here, so SQLite only.
describe('HTTP errors and headers', () => {
  let t: TestApp;
  let owner: Session;
  let webDir: string;
  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>Tidings</title><div id="root"></div>',
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await createTestApp('sqlite', { MAX_JSON_BODY_BYTES: '2048', WEB_DIST_DIR: webDir });
    owner = await setUpWorkspace(t.app);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const expectErrorShape = (body: unknown, code: string) => {
    expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
  };

  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expectErrorShape(response.json(), 'invalid_json');
  });

  it('answers missing and malformed fields with 400 and a message per field', async () => {
    const response = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'not-an-email' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expectErrorShape(body, 'validation_failed');
    expect(body.error.fields).toEqual({
      email: 'Enter an email address like name@example.com',
      password: 'This field is required',
    });
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'a@example.com', password: 'x'.repeat(5000) },
    });
    expect(response.statusCode).toBe(413);
    expectErrorShape(response.json(), 'payload_too_large');
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(415);
    expectErrorShape(response.json(), 'unsupported_media_type');
  });

  it('answers unknown API routes with 404 and wrong methods with 405 and Allow', async () => {
    const unknown = await request(t.app, { method: 'GET', url: '/api/no-such-thing' });
    expect(unknown.statusCode).toBe(404);
    expectErrorShape(unknown.json(), 'not_found');
    const unknownPost = await request(t.app, { method: 'POST', url: '/api/no-such-thing', payload: {} });
    expect(unknownPost.statusCode).toBe(404);

    const wrong = await request(t.app, { method: 'DELETE', url: '/api/members' }, owner);
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toContain('GET');
    expectErrorShape(wrong.json(), 'method_not_allowed');
  });

  it('answers signed-out API calls with 401', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/members' });
    expect(response.statusCode).toBe(401);
    expectErrorShape(response.json(), 'unauthenticated');
  });

  it('reports health and readiness', async () => {
    expect((await request(t.app, { method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await request(t.app, { method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('publishes an OpenAPI document built from the contracts', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/sign-in', '/api/invites', '/api/members', '/api/tokens', '/api/me/avatar']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const signIn = doc.paths['/api/auth/sign-in'].post;
    expect(signIn.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
  });

  it('serves the web app with a strict CSP, SPA fallback and long-cached hashed assets', async () => {
    const page = await request(t.app, { method: 'GET', url: '/settings/members' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');

    const asset = await request(t.app, { method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await request(t.app, { method: 'GET', url: '/assets/missing-123.js' })).statusCode).toBe(404);
  });
});

describe('Content-Security-Policy with S3 storage', () => {
  it('lets media and posters come from the S3 endpoint and nowhere else', async () => {
    const { contentSecurityPolicy } = await import('./security-headers');
    const s3 = contentSecurityPolicy({
      kind: 's3',
      endpoint: 'https://minio.example.com:9000',
      bucket: 'b',
      region: 'us-east-1',
      accessKeyId: null,
      secretAccessKey: null,
      forcePathStyle: true,
    });
    expect(s3).toContain("media-src 'self' blob: https://minio.example.com:9000");
    expect(s3).toContain("script-src 'self';");
    expect(contentSecurityPolicy()).toContain("media-src 'self' blob:;");
  });
});
