import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Session } from '../../../test/harness';
import { loadConfig } from '../../config';
import { type AppContext, createContext } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { buildApp } from '../../http/app';
import type { App } from '../../http/types';

/** A real HTTP server (tus needs raw sockets), on a given database and data dir so it can restart. */
export interface RunningServer {
  app: App;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(
  databaseUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  const ctx = await createContext(config);
  await migrateToLatest(ctx.db);
  const { app } = await buildApp(ctx);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    ctx,
    url: address,
    async stop() {
      await app.close();
      await ctx.live.close();
      await ctx.database.close();
    },
  };
}

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-uploads-'));

/** Speaks tus 1.0 with fetch, as tus-js-client does, with a browser session's cookie and CSRF. */
export function tusClient(base: string, session?: Session) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    'tus-resumable': '1.0.0',
    ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
    ...extra,
  });
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    create: (mediaId: string, length?: number) =>
      fetch(`${base}/api/uploads`, {
        method: 'POST',
        headers: headers({
          'upload-metadata': `mediaId ${b64(mediaId)},filetype ${b64('video/webm')}`,
          ...(length === undefined ? { 'upload-defer-length': '1' } : { 'upload-length': String(length) }),
        }),
      }),
    patch: (location: string, offset: number, body: Uint8Array, extra: Record<string, string> = {}) =>
      fetch(`${base}${location}`, {
        method: 'PATCH',
        headers: headers({
          'content-type': 'application/offset+octet-stream',
          'upload-offset': String(offset),
          ...extra,
        }),
        body,
      }),
    head: (location: string) => fetch(`${base}${location}`, { method: 'HEAD', headers: headers() }),
  };
}

/**
 * A PATCH whose connection drops part-way, as when the network goes: it declares `declared`
 * bytes from `offset` but sends only `sent`. Returns the request; `destroy()` it to cut.
 */
export function startCutPatch(
  base: string,
  location: string,
  session: Session,
  { offset, declared, sent }: { offset: number; declared: number; sent: Buffer },
): http.ClientRequest {
  const request = http.request(`${base}${location}`, {
    method: 'PATCH',
    headers: {
      'tus-resumable': '1.0.0',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'content-length': String(declared),
    },
  });
  request.on('error', () => {});
  request.write(sent);
  return request;
}
