// Benchmark `media-serve`: Range-request throughput of a 200 MB recording through our signed
// playback URL, beside nginx serving the same file from disk with sendfile, same load, same run.
//
//   npm run bench -- media-serve [--quick]
//
// The file (random bytes) is uploaded through tus to a fresh server and served as the media's
// `original` rendition (GET /api/media/:id/playback → /media/<id>/original?exp=…&sig=…, with the
// session cookie the URL is bound to). 50 autocannon connections each ask for random 1 MiB
// ranges (`Range: bytes=a-b`, 206) for the duration. nginx (Debian package; started here with a
// temp config, one worker, sendfile on) serves the file uploaded from the same temp dir.
// A second server runs as the docs recommend in production, behind nginx with
// MEDIA_ACCEL_REDIRECT: Tidings checks each request (session, signature, expiry, media) and
// answers X-Accel-Redirect; nginx sends the bytes with sendfile.
// Figures: mbps (behind nginx, the recommended set-up) / ref_mbps (nginx alone, no checks),
// ratio_mbps = mbps / ref_mbps (above 1 is faster than nginx); node_mbps / ratio_node_mbps: Tidings
// streaming the bytes itself (no proxy); rps, p50/p99 latency of a 1 MiB range.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';
import { api, createUploadMedia, tusUpload, waitFor } from './lib/media.mjs';
import { freePort, stopProcess, track, waitForOk } from './lib/processes.mjs';
import { setUpWorkspace, startServer } from './lib/server.mjs';

const { quick } = benchArgs();
const size = quick ? { duration: 6, warmup: 1 } : { duration: 15, warmup: 3 };
const ROUNDS = 2;
const FILE_BYTES = 200 * 1024 * 1024;
const RANGE_BYTES = 1024 * 1024;
const CONNECTIONS = 50;
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

// autocannon 8 appends every response body to a JS string (`body += chunk`, a UTF-8 decode per
// chunk). With 1 MiB binary bodies that caps the client near 250 Mb/s on this machine whatever the
// server, so both sides would measure autocannon. Nothing here reads bodies (no verifyBody), so
// that one method becomes a no-op; bytes are still counted from the socket.
const PipelinedRequestsQueue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js');
PipelinedRequestsQueue.prototype.addBody = () => {};

/** Random 1 MiB ranges of the file, a new one for every request. */
function randomRange(request) {
  const start = Math.floor(Math.random() * (FILE_BYTES - RANGE_BYTES));
  return { ...request, headers: { ...request.headers, range: `bytes=${start}-${start + RANGE_BYTES - 1}` } };
}

/** CPU seconds (user + system) a process and its children have used, from /proc. */
function cpuSeconds(pid) {
  const own = (p) => {
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    // no children list on this kernel: count the process alone
  }
  return own(pid) + children.reduce((sum, child) => sum + own(child), 0);
}

async function measure(label, url, headers, pid) {
  const options = { url, headers, connections: CONNECTIONS, requests: [{ setupRequest: randomRange }] };
  log(`${label}: warming up for ${size.warmup} s`);
  await autocannon({ ...options, duration: size.warmup });
  log(`${label}: ${CONNECTIONS} connections for ${size.duration} s, random 1 MiB ranges`);
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ ...options, duration: size.duration });
  const cpuS = cpuSeconds(pid) - cpuBefore;
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors;
  if (ok === 0 || failed / (ok + failed) > 0.01) {
    throw new Error(
      `${label}: ${failed} failed of ${ok + failed} (${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  const mbps = (result.throughput.total * 8) / 1e6 / result.duration;
  log(`${label}: ${round(mbps)} Mb/s, ${round(ok / result.duration, 1)} req/s, p99 ${result.latency.p99} ms`);
  const gb = result.throughput.total / 1e9;
  return {
    mbps,
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerGb: cpuS / gb,
  };
}

/**
 * nginx in the foreground with its own prefix, config, pid and logs in `dir`: one server block
 * serving `root` as is (the reference), one in front of Tidings with the internal blob location.
 */
async function startNginx(dir, root, front) {
  const port = await freePort();
  const frontPort = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  server { listen 127.0.0.1:${port}; root ${root}; }
  upstream tidings { server ${front.upstream}; keepalive 64; }
  server {
    listen 127.0.0.1:${frontPort};
    location /_tidings_blobs/ { internal; alias ${front.blobsDir}/; }
    location / {
      proxy_pass http://tidings;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  const child = track(spawn(NGINX, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] }));
  await waitForOk(`http://127.0.0.1:${port}/file.bin`, child, 10_000);
  return {
    url: `http://127.0.0.1:${port}`,
    frontUrl: `http://127.0.0.1:${frontPort}`,
    pid: child.pid,
    stop: () => stopProcess(child),
  };
}

/** Uploads `file` through tus as a new workspace owner; returns them and the original's signed URL. */
async function uploadFile(server, file) {
  const owner = await setUpWorkspace(server);
  const mediaId = await createUploadMedia(server, owner, FILE_BYTES);
  await tusUpload(server, owner, mediaId, createReadStream(file), FILE_BYTES);
  // Random bytes are not media: processing fails, and the original stays served as uploaded.
  await waitFor('processing to finish', async () => {
    const { status } = await api(server, owner, 'GET', `/api/media/${mediaId}`);
    return status === 'uploading' || status === 'processing' ? undefined : status;
  });
  const { originalUrl } = await api(server, owner, 'GET', `/api/media/${mediaId}/playback`);
  if (!originalUrl) throw new Error('no original URL for the uploaded file');
  return { owner, originalUrl };
}

await runBench(async (onCleanup) => {
  log(`media-serve benchmark (${quick ? 'quick' : 'full'}): ${JSON.stringify(size)}`);
  if (spawnSync(NGINX, ['-v']).status !== 0)
    throw new Error(`nginx not found at ${NGINX} (apt-get install nginx)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-media-serve-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  // nginx workers run as nobody when started by root: they must be able to read the file.
  chmodSync(dir, 0o755);
  const file = path.join(dir, 'file.bin');
  log(`writing ${FILE_BYTES} random bytes to ${file}`);
  writeFileSync(file, randomBytes(FILE_BYTES));
  chmodSync(file, 0o644);

  const server = await startServer();
  onCleanup(() => server.stop());
  const { owner, originalUrl } = await uploadFile(server, file);
  const proxied = await startServer({ env: { MEDIA_ACCEL_REDIRECT: '/_tidings_blobs/' } });
  onCleanup(() => proxied.stop());
  const proxiedFile = await uploadFile(proxied, file);

  const nginx = await startNginx(dir, dir, {
    upstream: new URL(proxied.url).host,
    blobsDir: path.join(proxied.dataDir, 'blobs'),
  });
  onCleanup(() => nginx.stop());

  // Alternate rounds, so load from other processes on a shared machine falls on both alike.
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const n = await measure(
      `tidings streaming itself (round ${round})`,
      `${server.url}${originalUrl}`,
      { cookie: owner.cookie },
      server.pid,
    );
    const o = await measure(
      `tidings behind nginx, X-Accel-Redirect (round ${round})`,
      `${nginx.frontUrl}${proxiedFile.originalUrl}`,
      { cookie: proxiedFile.owner.cookie },
      nginx.pid,
    );
    const r = await measure(`nginx sendfile (round ${round})`, `${nginx.url}/file.bin`, {}, nginx.pid);
    rounds.push({ n, o, r });
  }
  const mean = (pick) => rounds.reduce((sum, x) => sum + pick(x), 0) / rounds.length;
  const ours = {
    mbps: mean((x) => x.o.mbps),
    rps: mean((x) => x.o.rps),
    p50: mean((x) => x.o.p50),
    p99: mean((x) => x.o.p99),
    cpuPerGb: mean((x) => x.o.cpuPerGb),
  };
  const ref = {
    mbps: mean((x) => x.r.mbps),
    rps: mean((x) => x.r.rps),
    p50: mean((x) => x.r.p50),
    p99: mean((x) => x.r.p99),
    cpuPerGb: mean((x) => x.r.cpuPerGb),
  };

  const nodeMbps = mean((x) => x.n.mbps);
  printFigures('media-serve', {
    mbps: round(ours.mbps, 1),
    ref_mbps: round(ref.mbps, 1),
    ratio_mbps: round(ours.mbps / ref.mbps, 3),
    node_mbps: round(nodeMbps, 1),
    ratio_node_mbps: round(nodeMbps / ref.mbps, 3),
    node_p99_ms: round(mean((x) => x.n.p99)),
    node_cpu_s_per_gb: round(
      mean((x) => x.n.cpuPerGb),
      3,
    ),
    rps: round(ours.rps, 1),
    ref_rps: round(ref.rps, 1),
    p50_ms: round(ours.p50),
    p99_ms: round(ours.p99),
    ref_p50_ms: round(ref.p50),
    ref_p99_ms: round(ref.p99),
    cpu_s_per_gb: round(ours.cpuPerGb, 3),
    ref_cpu_s_per_gb: round(ref.cpuPerGb, 3),
    ratio_cpu_s_per_gb: round(ours.cpuPerGb / ref.cpuPerGb, 2),
    rounds: ROUNDS,
    connections: CONNECTIONS,
    range_bytes: RANGE_BYTES,
    file_mb: FILE_BYTES / 1024 ** 2,
    duration_s: size.duration,
    notes:
      'Random 1 MiB Range requests (206) over a 200 MiB file, 50 autocannon connections. mbps: ' +
      'megabits/s of body bytes through GET /media/<id>/original?exp&sig with Tidings behind nginx ' +
      '(MEDIA_ACCEL_REDIRECT: signature, expiry, session and media checked by Tidings per request, ' +
      "bytes sent by nginx; cpu figures are nginx's). node_*: Tidings alone, streaming from the open file " +
      'with two reused 512 KiB buffers (Node has no sendfile). ref_*: nginx, one worker, ' +
      'sendfile on, same file, same load, same run. Two alternating rounds each, figures are means. ' +
      'ratio_mbps = mbps / ref_mbps: above 1 is faster than nginx; target >= 0.7. cpu_s_per_gb: ' +
      'server CPU seconds per GB served (steadier than throughput on a shared machine; above 1 in ' +
      'ratio_cpu_s_per_gb means more CPU than nginx). autocannon body accumulation disabled (see source).',
  });
});
