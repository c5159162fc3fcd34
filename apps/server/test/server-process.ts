import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'apps/server/bin/tidings.mjs');

export interface ServerProcess {
  url: string;
  logs(): string;
  /** SIGTERM, then waits up to `ms` for the exit; resolves to the exit code (null: had to be killed). */
  stop(ms?: number): Promise<number | null>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `tidings serve --role=<role>` (the command operators run) with its own port and data dir. */
export async function startServerProcess(databaseUrl: string, role = 'api'): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-proc-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', `--role=${role}`], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (ms = 10_000) => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms)),
    ]);
    if (code === 'timeout') child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    return code === 'timeout' ? null : code;
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Server exited with ${child.exitCode} during start:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop(1000);
      throw new Error(`Server did not become ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, logs: () => output, stop };
}

/**
 * Two API processes on one database where that means something (PostgreSQL: LISTEN/NOTIFY
 * between them); on SQLite, one process serves as both. Each started process is pushed to
 * `started` so the caller's afterEach stops it.
 */
export async function startProcessPair(
  databaseUrl: string,
  kind: 'sqlite' | 'postgres',
  started: ServerProcess[],
): Promise<[ServerProcess, ServerProcess]> {
  const a = await startServerProcess(databaseUrl);
  started.push(a);
  if (kind !== 'postgres') return [a, a];
  const b = await startServerProcess(databaseUrl);
  started.push(b);
  return [a, b];
}
