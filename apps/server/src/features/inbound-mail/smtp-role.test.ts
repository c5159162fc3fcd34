import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ehloLines } from './inbound-mail.test-helpers';

const BIN = path.resolve(import.meta.dirname, '../../../bin/tidings.mjs');

// `tidings serve --role=smtp` and `--role=all` with SMTP_IN_ENABLED, as operators run them.
describe('the smtp role', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-smtp-role-'));
  });
  afterEach(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(args: string[], env: Record<string, string>) {
    const started = spawn(process.execPath, [BIN, 'serve', ...args], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        SMTP_IN_HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let logs = '';
    started.stdout?.on('data', (d) => {
      logs += d;
    });
    started.stderr?.on('data', (d) => {
      logs += d;
    });
    const stop = async () => {
      const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
      started.kill('SIGTERM');
      return exited;
    };
    return { logs: () => logs, stop };
  }

  it('runs only the listener: SIZE advertised, no AUTH, no STARTTLS, no HTTP; stops cleanly', async () => {
    const [smtpPort, httpPort] = [await freePort(), await freePort()];
    const server = await start(['--role=smtp'], {
      SMTP_IN_PORT: String(smtpPort),
      PORT: String(httpPort),
      MAX_INBOUND_MAIL_BYTES: '5000000',
    });
    const lines = await poll(() => ehloLines(smtpPort));
    expect(lines.join('\n'), server.logs()).toMatch(/^250[- ]SIZE 5000000$/m);
    expect(lines.join('\n')).not.toMatch(/AUTH|STARTTLS/);
    await expect(fetch(`http://127.0.0.1:${httpPort}/readyz`)).rejects.toThrow();
    expect(await server.stop()).toBe(0);
    expect(server.logs()).toContain('"msg":"stopped"');
  });

  it('listens in role all only when SMTP_IN_ENABLED=true', async () => {
    const [smtpPort, httpPort] = [await freePort(), await freePort()];
    const server = await start([], {
      SMTP_IN_PORT: String(smtpPort),
      PORT: String(httpPort),
      SMTP_IN_ENABLED: 'true',
    });
    expect((await poll(() => fetch(`http://127.0.0.1:${httpPort}/readyz`))).ok).toBe(true);
    expect((await ehloLines(smtpPort))[0]).toMatch(/^220 /);
    expect(await server.stop()).toBe(0);

    const plain = await start([], { SMTP_IN_PORT: String(smtpPort), PORT: String(httpPort) });
    expect((await poll(() => fetch(`http://127.0.0.1:${httpPort}/readyz`))).ok).toBe(true);
    await expect(ehloLines(smtpPort)).rejects.toThrow(/ECONNREFUSED/);
    expect(await plain.stop()).toBe(0);
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

/** Retries `attempt` for up to 30 s while the server starts. */
async function poll<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= 300) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
