import type { Config } from './config';
import { createContext } from './context';
import { migrateToLatest } from './db/migrate';
import { startInboundMail } from './features/inbound-mail/start-inbound-mail';
import { buildApp } from './http/app';
import { scheduleMaintenance } from './jobs/maintenance.job';
import { allJobs } from './jobs/registry';
import { createJobRunner } from './jobs/runner';

export type Role = 'all' | 'api' | 'worker' | 'smtp';

/**
 * Runs one process role: `api` serves HTTP (and the web app), `worker` runs background jobs,
 * `smtp` receives replies by email, `all` does HTTP and jobs (and SMTP when SMTP_IN_ENABLED).
 * Every role migrates first; the migrator's lock makes concurrent starts safe.
 */
export async function serve(config: Config, role: Role): Promise<void> {
  const ctx = await createContext(config);
  await migrateToLatest(ctx.db);

  const runner = role === 'api' || role === 'smtp' ? null : createJobRunner(ctx, allJobs);
  if (runner) {
    await scheduleMaintenance(ctx);
    runner.start();
  }

  const http = role === 'worker' || role === 'smtp' ? null : (await buildApp(ctx, { serveWebApp: true })).app;
  if (http) await http.listen({ port: config.port, host: config.host });
  const smtp =
    role === 'smtp' || (role === 'all' && config.inboundMail.enabledInAll)
      ? await startInboundMail(ctx)
      : null;
  ctx.log.info(
    { role, port: http ? config.port : undefined, smtpPort: smtp?.port, dialect: ctx.database.dialect },
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
    await Promise.all([http?.close(), runner?.stop(), smtp?.close()]);
    await ctx.live.close();
    await ctx.mail.close();
    await ctx.database.close();
    ctx.log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
