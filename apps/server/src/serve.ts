import type { Config } from './config';
import { createContext } from './context';
import { migrateToLatest } from './db/migrate';
import { buildApp } from './http/app';
import { scheduleMaintenance } from './jobs/maintenance.job';
import { allJobs } from './jobs/registry';
import { createJobRunner } from './jobs/runner';

export type Role = 'all' | 'api' | 'worker';

/**
 * Runs one process role: `api` serves HTTP (and the web app), `worker` runs background jobs,
 * `all` does both. Every role migrates first; the migrator's lock makes concurrent starts safe.
 */
export async function serve(config: Config, role: Role): Promise<void> {
  const ctx = createContext(config);
  await migrateToLatest(ctx.db);

  const runner = role === 'api' ? null : createJobRunner(ctx, allJobs);
  if (runner) {
    await scheduleMaintenance(ctx);
    runner.start();
  }

  const http = role === 'worker' ? null : (await buildApp(ctx, { serveWebApp: true })).app;
  if (http) await http.listen({ port: config.port, host: config.host });
  ctx.log.info(
    { role, port: http ? config.port : undefined, dialect: ctx.database.dialect },
    `Tidings ${role} started`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      ctx.log.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    ctx.log.info({ signal }, 'shutting down: finishing requests and the current job');
    // Stop taking new work, let what is in flight finish, then release the database.
    await Promise.all([http?.close(), runner?.stop()]);
    await ctx.live.close();
    await ctx.mail.close();
    await ctx.database.close();
    ctx.log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
