import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest, type TestDatabase } from '../../../test/databases';

// Exactly once across a crash: a real `tidings serve` process decides a delivery, is killed with
// SIGKILL before it sends, and a restarted process sends it — one email, however often it dies.

const bin = path.resolve(__dirname, '../../../bin/tidings.mjs');

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(databasesUnderTest())('delivery across a crash on %s', (kind) => {
  const children: ChildProcess[] = [];
  let dataDir = '';
  let database: TestDatabase | null = null;
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends a decided email exactly once when the process is killed before sending', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-restart-'));
    database = kind === 'postgres' ? await createTestDatabase('postgres') : null;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      ...(database ? { DATABASE_URL: database.url } : {}),
    };
    delete env.SMTP_HOST;
    const start = async (role: 'api' | 'all') => {
      const child = spawn(process.execPath, [bin, 'serve', `--role=${role}`], { env, stdio: 'ignore' });
      children.push(child);
      await until('the server', async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined));
      return child;
    };
    const kill = async (child: ChildProcess) => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    };
    const call = async (
      method: string,
      route: string,
      body: object,
      session?: { cookie: string; csrf: string },
    ) => {
      const res = await fetch(`${url}${route}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrf }),
        },
        body: JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: JSON of several shapes, read field by field
      const json: any = await res.json();
      if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
      const cookie = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('tidings_session='))
        ?.split(';')[0];
      return { json, session: cookie ? { cookie, csrf: json.csrfToken as string } : undefined };
    };
    const outbox = () => {
      const dir = path.join(dataDir, 'outbox');
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    };

    // An API-only process: it decides and records, but runs no jobs, so nothing is sent.
    let server = await start('api');
    const owner = await call('POST', '/api/setup', {
      workspaceName: 'Acme',
      name: 'Ana',
      email: 'ana@example.com',
      password: 'correct horse battery',
      timeZone: 'Europe/Lisbon',
    });
    const invite = await call('POST', '/api/invites', { role: 'member' }, owner.session);
    const bob = await call('POST', `/api/invites/by-token/${invite.json.token}/accept`, {
      name: 'Bob',
      email: 'bob@example.com',
      password: 'another good password',
      timeZone: 'America/New_York',
    });
    await call(
      'POST',
      '/api/threads',
      {
        subject: 'The site is down',
        recipients: { userIds: [bob.json.user.id] },
        body: 'Can you look now?',
        expectation: { kind: 'urgent', urgentReason: 'Customers cannot pay', interruptOutsideHours: true },
      },
      owner.session,
    );
    await kill(server);
    expect(outbox()).toEqual([]);

    // A worker picks the decision up after the crash and sends it.
    server = await start('all');
    const delivered = async () => {
      const res = await fetch(`${url}/api/me/notifications`, {
        headers: { cookie: bob.session?.cookie ?? '' },
      });
      const list = ((await res.json()) as { notifications: unknown }).notifications as {
        channel: string;
        status: string;
      }[];
      return list.length > 0 && list.every((n) => n.status === 'delivered') ? list : undefined;
    };
    const notes = await until('delivered notifications', delivered);
    expect(notes.map((n) => n.channel).sort()).toEqual(['email', 'in_app']);
    expect(outbox()).toHaveLength(1);
    // Killed again; the next process finds the decisions delivered and sends nothing more.
    await kill(server);
    server = await start('all');
    expect(await delivered()).toHaveLength(2);
    expect(outbox()).toHaveLength(1);
    await kill(server);
  }, 120_000);
});
