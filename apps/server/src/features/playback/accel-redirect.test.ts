import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { fetchMedia, playbackUrls, testMedia } from './playback.test-helpers';

// Behind nginx (MEDIA_ACCEL_REDIRECT): we check every request, nginx sends the bytes. A real
// nginx (Debian package; .ci/run installs it) proxies to the app listening on loopback.
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const PREFIX = '/_tidings_blobs/';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startNginx(appPort: number, blobsDir: string) {
  if (spawnSync(NGINX, ['-v']).status !== 0)
    throw new Error(`nginx not found at ${NGINX}: apt-get install nginx`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location ${PREFIX} { internal; alias ${blobsDir}/; }
    location / { proxy_pass http://127.0.0.1:${appPort}; }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('media bytes through nginx X-Accel-Redirect (sqlite)', () => {
  let t: TestApp;
  let ana: Session;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let bytes: Buffer;
  let url: string;
  let mediaId: string;

  beforeEach(async () => {
    t = await createTestApp('sqlite', { MEDIA_ACCEL_REDIRECT: PREFIX });
    ana = await setUpWorkspace(t.app);
    const added = await testMedia(t).add(ana, { bytes: randomBytes(50_000) });
    bytes = added.bytes;
    mediaId = added.id;
    url = (await playbackUrls(t, ana, added.id)).playbackUrl;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const appPort = (t.app.server.address() as net.AddressInfo).port;
    nginx = await startNginx(appPort, path.join(t.ctx.config.dataDir, 'blobs'));
  });
  afterEach(async () => {
    await nginx.stop();
    await t.close();
  });

  const viaNginx = (target: string, headers: Record<string, string> = {}) =>
    fetch(`${nginx.url}${target}`, { headers: { cookie: ana.cookie, ...headers } });

  it('answers a checked request with the header only; nginx sends the bytes with Range', async () => {
    const direct = await fetchMedia(t, url, ana);
    expect(direct.statusCode).toBe(200);
    expect(direct.headers['x-accel-redirect']).toBe(`${PREFIX}test/${mediaId}/playable.mp4`);
    expect(direct.rawPayload.length).toBe(0);

    const whole = await viaNginx(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await viaNginx(url, { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
  });

  it('still refuses a bad signature, a missing session, and the internal path from outside', async () => {
    const forged = await viaNginx(url.replace(/sig=[^&]+/, 'sig=AAAA'));
    expect(forged.status).toBe(403);
    expect(forged.headers.get('x-accel-redirect')).toBeNull();
    const signedOut = await fetch(`${nginx.url}${url}`);
    expect(signedOut.status).toBe(401);
    const internal = await viaNginx(`${PREFIX}test/${mediaId}/playable.mp4`);
    expect(internal.status).toBe(404);
  });
});
