import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { fetchMedia, playbackUrls, testMedia } from './playback.test-helpers';

describe.each(databasesUnderTest())('media byte serving (%s)', (kind) => {
  let t: TestApp;
  let ana: Session;
  let media: ReturnType<typeof testMedia>;
  let url: string;
  let bytes: Buffer;
  const size = 10_000;

  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    media = testMedia(t);
    const added = await media.add(ana, { bytes: randomBytes(size) });
    bytes = added.bytes;
    url = (await playbackUrls(t, ana, added.id)).playbackUrl;
  });
  afterEach(async () => t.close());

  const get = (headers: Record<string, string> = {}) => fetchMedia(t, url, ana, headers);

  it('serves the whole file with its validators and cache lifetime', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(bytes)).toBe(true);
    expect(response.headers['content-length']).toBe(String(size));
    expect(response.headers['content-type']).toBe('video/mp4');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers.etag).toMatch(/^"[^"]+"$/);
    expect(Date.parse(String(response.headers['last-modified']))).toBeGreaterThan(0);
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(String(response.headers['cache-control']))?.[1]);
    expect(maxAge).toBeGreaterThan(9 * 60);
    expect(maxAge).toBeLessThanOrEqual(15 * 60);
  });

  it.each([
    ['first byte', 'bytes=0-0', 0, 0],
    ['last byte', `bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
    ['a middle range', 'bytes=100-1099', 100, 1099],
    ['a suffix', 'bytes=-500', size - 500, size - 1],
    ['a suffix longer than the file', `bytes=-${size * 2}`, 0, size - 1],
    ['an open end', 'bytes=9000-', 9000, size - 1],
    ['an end past the file', `bytes=5000-${size * 3}`, 5000, size - 1],
  ])('answers %s with 206 and exactly those bytes', async (_name, range, start, end) => {
    const response = await get({ range });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
    expect(response.headers['content-length']).toBe(String(end - start + 1));
    expect(response.rawPayload.equals(bytes.subarray(start, end + 1))).toBe(true);
  });

  it.each([`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0'])(
    'answers the unsatisfiable %s with 416 and the size',
    async (range) => {
      const response = await get({ range });
      expect(response.statusCode).toBe(416);
      expect(response.headers['content-range']).toBe(`bytes */${size}`);
      expect(response.json().error.code).toBe('range_not_satisfiable');
    },
  );

  it.each(['bytes=0-1,5-6', 'items=0-5', 'bytes=abc', 'bytes=500-100'])(
    'serves the whole file for a range it does not honour (%s)',
    async (range) => {
      const response = await get({ range });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-range']).toBeUndefined();
      expect(response.rawPayload.length).toBe(size);
    },
  );

  it('answers If-None-Match with 304 and honours If-Range only for the current version', async () => {
    const { etag, 'last-modified': lastModified } = (await get()).headers;
    const notModified = await get({ 'if-none-match': String(etag) });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);
    expect(notModified.headers.etag).toBe(etag);
    expect((await get({ 'if-none-match': '"something-else"' })).statusCode).toBe(200);

    const sameTag = await get({ range: 'bytes=0-9', 'if-range': String(etag) });
    expect(sameTag.statusCode).toBe(206);
    const sameDate = await get({ range: 'bytes=0-9', 'if-range': String(lastModified) });
    expect(sameDate.statusCode).toBe(206);
    const changed = await get({ range: 'bytes=0-9', 'if-range': '"an-older-version"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.rawPayload.length).toBe(size);
    const olderDate = await get({ range: 'bytes=0-9', 'if-range': new Date(0).toUTCString() });
    expect(olderDate.statusCode).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const whole = await fetchMedia(t, url, ana, {}, 'HEAD');
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe(String(size));
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.length).toBe(0);
    const part = await fetchMedia(t, url, ana, { range: 'bytes=10-19' }, 'HEAD');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${size}`);
    expect(part.rawPayload.length).toBe(0);
  });

  it('streams a large file in many chunks over a real connection', async () => {
    const big = await media.add(ana, { bytes: randomBytes(6 * 1024 * 1024) });
    const bigUrl = (await playbackUrls(t, ana, big.id)).playbackUrl;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const chunks: number[] = [];
    const received = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const req = http.get(
        `http://127.0.0.1:${port}${bigUrl}`,
        { headers: { cookie: ana.cookie } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            parts.push(chunk);
            chunks.push(chunk.length);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
    expect(received.status).toBe(200);
    expect(received.body.equals(big.bytes)).toBe(true);
    // Streamed from disk in bounded reads, not sent as one buffer.
    expect(chunks.length).toBeGreaterThan(4);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(1024 * 1024);
  });

  it('survives clients that hang up mid-stream', async () => {
    const big = await media.add(ana, { bytes: randomBytes(8 * 1024 * 1024) });
    const bigUrl = (await playbackUrls(t, ana, big.id)).playbackUrl;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(
          `http://127.0.0.1:${port}${bigUrl}`,
          { headers: { cookie: ana.cookie } },
          (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', (error) => (req.destroyed ? resolve() : reject(error)));
      });
    }
    const after = await fetch(`http://127.0.0.1:${port}${bigUrl}`, {
      headers: { cookie: ana.cookie, range: 'bytes=0-99' },
    });
    expect(after.status).toBe(206);
    expect(Buffer.from(await after.arrayBuffer()).equals(big.bytes.subarray(0, 100))).toBe(true);
  });
});
