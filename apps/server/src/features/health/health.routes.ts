import { Health, Readiness } from '@tidings/contracts';
import type { AppContext } from '../../context';
import { pendingMigrations } from '../../db/migrate';
import type { App } from '../../http/types';

export function healthRoutes(app: App, ctx: AppContext): void {
  const tags = ['health'];
  // Migrations never un-apply under a running process, so once they are done we stop asking:
  // load balancers probe /readyz often, and the migration check reads two tables.
  let migrationsDone = false;
  app.get(
    '/healthz',
    { schema: { tags, summary: 'The process is up', response: { 200: Health } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  // Ready means: the database answers and every migration this build knows has run.
  app.get(
    '/readyz',
    {
      schema: {
        tags,
        summary: 'Database reachable and migrations applied',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      let database: 'ok' | 'unreachable' = 'ok';
      let migrations: 'ok' | 'pending' = 'pending';
      try {
        await ctx.database.ping();
        migrationsDone ||= (await pendingMigrations(ctx.db)).length === 0;
        migrations = migrationsDone ? 'ok' : 'pending';
      } catch {
        database = 'unreachable';
      }
      const ready = database === 'ok' && migrations === 'ok';
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations } });
    },
  );
}
