// Starts a fresh Tidings server for a benchmark: its own temp DATA_DIR, a free loopback port,
// the real `tidings serve` command, and its logs in a file (printed if it fails to start).
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './cli.mjs';
import { freePort, rssMb, stopProcess, track, waitForOk } from './processes.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tidingsBin = path.join(repoRoot, 'apps/server/bin/tidings.mjs');

/**
 * Starts `tidings serve` and waits for GET /readyz. `env` adds or overrides settings (for example
 * DATABASE_URL); the default is the zero-setup SQLite database in the temp data directory.
 * `nodeArgs` go to node itself, for example `['--cpu-prof']` to see where the time goes.
 */
export async function startServer({ env = {}, nodeArgs = [], readyTimeoutMs = 90_000 } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tidings-bench-'));
  const logFile = path.join(dataDir, 'server.log');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = openSync(logFile, 'a');
  const child = track(
    spawn(process.execPath, [...nodeArgs, tidingsBin, 'serve'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        PUBLIC_URL: url,
        // A benchmark signs in many times from one address; the limits are for attackers.
        SIGN_IN_LIMIT_PER_IP: '1000000',
        SIGN_IN_LIMIT_PER_ACCOUNT: '1000000',
        ...env,
      },
      stdio: ['ignore', out, out],
    }),
  );
  log(`server pid ${child.pid} starting on ${url} (data ${dataDir})`);
  const started = Date.now();
  try {
    await waitForOk(`${url}/readyz`, child, readyTimeoutMs);
  } catch (error) {
    process.stderr.write(`--- server log (${logFile}) ---\n${readFileSync(logFile, 'utf8').slice(-4000)}\n`);
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  log(`server ready in ${Date.now() - started} ms`);
  return {
    url,
    pid: child.pid,
    dataDir,
    rssMb: () => rssMb(child.pid),
    async stop() {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns the parsed body and the session cookie, or throws with the server's answer. */
export async function postJson(url, body, expectStatus) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expectStatus) {
    throw new Error(`POST ${url}: expected ${expectStatus}, got ${response.status}: ${text.slice(0, 500)}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('tidings_session='));
  return { body: JSON.parse(text), cookie };
}

/** Creates the workspace and its owner through the first-run API; returns the owner's credentials. */
export async function setUpWorkspace(server) {
  const owner = {
    workspaceName: 'Bench',
    name: 'Bench Owner',
    email: 'owner@bench.test',
    password: 'correct horse battery staple',
    timeZone: 'UTC',
  };
  const { body, cookie } = await postJson(`${server.url}/api/setup`, owner, 201);
  if (!cookie) throw new Error('POST /api/setup set no tidings_session cookie');
  return { email: owner.email, password: owner.password, cookie, csrfToken: body.csrfToken };
}
