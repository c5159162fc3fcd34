import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionInfo } from '@tidings/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config';
import { type AppContext, createContext } from '../src/context';
import { migrateToLatest } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import type { App } from '../src/http/types';
import type { Services } from '../src/services';
import { createTestDatabase, type DatabaseKind } from './databases';

export interface TestApp {
  app: App;
  ctx: AppContext;
  services: Services;
  /** Moves the app's clock; every use case reads time through ctx.now. */
  travel(ms: number): void;
  close(): Promise<void>;
}

/** A migrated database of `kind`, a temp data dir and the HTTP app around them. */
export async function createTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...env });
  let offset = 0;
  const ctx = await createContext(config, { now: () => Date.now() + offset });
  await migrateToLatest(ctx.db);
  const { app, services } = await buildApp(ctx, { serveWebApp: env.WEB_DIST_DIR !== undefined });
  await app.ready();
  return {
    app,
    ctx,
    services,
    travel: (ms) => {
      offset += ms;
    },
    async close() {
      await app.close();
      await ctx.live.close();
      await ctx.database.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in browser-like caller: its cookie and CSRF token ride along on every request. */
export interface Session {
  cookie: string;
  csrfToken: string;
  user: SessionInfo['user'];
}

export type Call = Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> };

export function request(app: App, options: Call, session?: Session): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] ??= session.csrfToken;
  }
  return app.inject({ ...options, headers } as InjectOptions);
}

export function sessionFrom(response: LightMyRequestResponse): Session {
  const setCookie = response.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!raw) throw new Error(`No session cookie in response ${response.statusCode}: ${response.body}`);
  const body = response.json() as SessionInfo;
  return { cookie: raw.split(';')[0] ?? '', csrfToken: body.csrfToken, user: body.user };
}

export const OWNER = { name: 'Ana Owner', email: 'ana@example.com', password: 'correct horse battery' };

/** Runs first-run setup and returns the owner's session. */
export async function setUpWorkspace(app: App): Promise<Session> {
  const response = await request(app, {
    method: 'POST',
    url: '/api/setup',
    payload: { workspaceName: 'Acme', timeZone: 'Europe/Lisbon', ...OWNER },
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return sessionFrom(response);
}

/** Invites a person with `role` as `admin` and signs them up through the invite link. */
export async function addMember(
  app: App,
  admin: Session,
  person: { name: string; email: string; role?: 'admin' | 'member' | 'guest' },
): Promise<Session> {
  const invite = await request(
    app,
    { method: 'POST', url: '/api/invites', payload: { role: person.role ?? 'member' } },
    admin,
  );
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.body}`);
  const { token } = invite.json() as { token: string };
  const accepted = await request(app, {
    method: 'POST',
    url: `/api/invites/by-token/${token}/accept`,
    payload: {
      name: person.name,
      email: person.email,
      password: 'another good password',
      timeZone: 'America/New_York',
    },
  });
  if (accepted.statusCode !== 201) throw new Error(`accept failed: ${accepted.body}`);
  return sessionFrom(accepted);
}
