import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/tidings.mjs');

// The CLI as operators run it: a real child process on a temp data directory.
describe('tidings CLI', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-cli-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}, input?: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('migrates, then says it is up to date', () => {
    const first = run(['migrate']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Success: 0001_accounts');
    expect(run(['migrate']).stdout).toContain('Already up to date.');
  });

  it('creates the owner with the workspace, then members, reading the password from stdin', () => {
    const noWorkspace = run(
      ['create-user', '--email', 'ana@example.com', '--name', 'Ana'],
      {},
      'a good long password\n',
    );
    expect(noWorkspace.status).toBe(2);
    expect(noWorkspace.stderr).toContain('--workspace');

    const owner = run(
      ['create-user', '--email', 'ana@example.com', '--name', 'Ana', '--workspace', 'Acme'],
      {},
      'a good long password\n',
    );
    expect(owner.status, owner.stderr).toBe(0);
    expect(owner.stdout).toContain('Created owner Ana <ana@example.com>');

    const member = run(['create-user', '--email', 'ben@example.com', '--name', 'Ben'], {
      TIDINGS_PASSWORD: 'bens long password',
    });
    expect(member.stdout).toContain('Created member Ben');
    expect(
      run(['create-user', '--email', 'ben@example.com', '--name', 'Ben'], {
        TIDINGS_PASSWORD: 'bens long password',
      }).status,
    ).toBe(1);

    const weak = run(['create-user', '--email', 'cy@example.com', '--name', 'Cy'], {
      TIDINGS_PASSWORD: 'short',
    });
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('password: Use at least 10 characters');
  });

  it('refuses a bad setting with a message naming it', () => {
    const result = run(['migrate'], { PORT: 'http' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
  });

  it('refuses an unknown role', () => {
    const result = run(['serve', '--role=everything']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown role');
  });

  describe('serve', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      if (child?.exitCode === null) child.kill('SIGKILL');
    });

    it('serves until SIGTERM, then shuts down cleanly', async () => {
      const port = await freePort();
      child = spawn(process.execPath, [BIN, 'serve'], {
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let logs = '';
      child.stdout?.on('data', (d) => {
        logs += d;
      });
      const ready = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok);
      expect(ready, logs).toBe(true);
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(logs).toContain('"msg":"stopped"');
    });
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls a condition for at most 20 s. */
async function waitFor(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    try {
      if (await check()) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
