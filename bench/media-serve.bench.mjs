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
// Figures: mbps / ref_mbps (megabits per second of body bytes), ratio_mbps = mbps / ref_mbps
// (above 1 is faster than nginx), rps, p50/p99 latency of a 1 MiB range.
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

/** nginx in the foreground with its own prefix, config, pid and logs in `dir`. */
async function startNginx(dir, root) {
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
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
}
`,
  );
  const child = track(spawn(NGINX, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] }));
  await waitForOk(`http://127.0.0.1:${port}/file.bin`, child, 10_000);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stopProcess(child) };
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

  const nginx = await startNginx(dir, dir);
  onCleanup(() => nginx.stop());

  // Alternate rounds, so load from other processes on a shared machine falls on both alike.
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const oursUrl = `${server.url}${originalUrl}`;
    const o = await measure(
      `tidings signed URL (round ${round})`,
      oursUrl,
      { cookie: owner.cookie },
      server.pid,
    );
    const r = await measure(`nginx sendfile (round ${round})`, `${nginx.url}/file.bin`, {}, nginx.pid);
    rounds.push({ o, r });
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

  printFigures('media-serve', {
    mbps: round(ours.mbps, 1),
    ref_mbps: round(ref.mbps, 1),
    ratio_mbps: round(ours.mbps / ref.mbps, 3),
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
      'megabits/s of body bytes through GET /media/<id>/original?exp&sig (signature, expiry, session ' +
      'and media checked per request; local disk, streamed from the open file with two reused 512 KiB buffers). ref_*: nginx, one worker, ' +
      'sendfile on, same file, same load, same run. Two alternating rounds each, figures are means. ' +
      'ratio_mbps = mbps / ref_mbps: above 1 is faster than nginx; target >= 0.7. cpu_s_per_gb: ' +
      'server CPU seconds per GB served (steadier than throughput on a shared machine; above 1 in ' +
      'ratio_cpu_s_per_gb means more CPU than nginx). autocannon body accumulation disabled (see source).',
  });
});
