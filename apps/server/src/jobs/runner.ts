import { hostname } from 'node:os';
import type { AppContext } from '../context';
import { newId } from '../lib/ids';
import { backoffMs, type JobDefinition } from './job';
import { claimNext, markDone, markFailed } from './queue';

export interface JobRunner {
  /** Runs due jobs until none is left; returns how many ran. Tests call this directly. */
  drain(): Promise<number>;
  start(): void;
  /** Stops claiming new jobs and waits for the one in progress. */
  stop(): Promise<void>;
}

const IDLE_POLL_MS = 1000;

export function createJobRunner(ctx: AppContext, jobs: JobDefinition[]): JobRunner {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const workerId = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function runOne(): Promise<boolean> {
    const row = await claimNext(ctx.db, ctx.database.dialect, workerId, ctx.now());
    if (!row) return false;
    const job = byName.get(row.name);
    const log = ctx.log.child({ job: row.name, jobId: row.id, attempt: row.attempts });
    try {
      if (!job) throw new Error(`No handler for job "${row.name}" in this build`);
      await job.handler(job.payload.parse(JSON.parse(row.payload)), ctx);
      await markDone(ctx.db, row.id, ctx.now());
      log.debug('job done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = row.attempts < row.max_attempts;
      await markFailed(ctx.db, row, message, ctx.now(), retry ? ctx.now() + backoffMs(row.attempts) : null);
      log.warn({ err: error, willRetry: retry }, 'job failed');
    }
    return true;
  }

  return {
    async drain() {
      let count = 0;
      while (await runOne()) count++;
      return count;
    },
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let didWork = false;
          try {
            didWork = await runOne();
          } catch (error) {
            // The database may be briefly unreachable; keep the worker alive and try again.
            ctx.log.error({ err: error }, 'job runner could not claim a job');
          }
          if (!didWork && running) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, IDLE_POLL_MS);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
          }
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
