import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema';
import type { LiveEvents, LiveNotice } from './live-events';
import { liveEventsRepository } from './live-events.repository';
import { localFanOut } from './local-fan-out';

export const LIVE_CHANNEL = 'tidings_live';
// Any constant works; it only has to be the same in every process publishing to this database.
const PUBLISH_LOCK = 7_262_042;
const CATCH_UP_PAGE = 1000;
const MAX_BACKOFF_MS = 10_000;

export interface PostgresLiveOptions {
  /** Connection string for the dedicated LISTEN connection (not taken from the pool). */
  url: string;
  log: Logger;
  now: () => number;
  /** First reconnect delay; doubles up to 10 s. */
  retryMs?: number;
}

/**
 * Live events across processes on one PostgreSQL database. `publish` stores the rows and sends
 * `NOTIFY tidings_live` in the same transaction, under a transaction-level advisory lock so ids
 * become visible in increasing order. Each process that has subscribers keeps one connection
 * doing LISTEN; a notification (or a reconnect) makes it read every row after the last id it
 * fanned out, so nothing is lost while the connection was down, and nothing is seen twice.
 */
export function postgresLiveEvents(db: Kysely<Database>, options: PostgresLiveOptions): LiveEvents {
  const { log } = options;
  const fanOut = localFanOut(log);
  const repo = liveEventsRepository(db);
  let client: pg.Client | null = null;
  let started: Promise<void> | null = null;
  let cursor = 0;
  // Until the cursor is read, a notice must not start a read from id 0 (the whole table).
  let ready = false;
  let closed = false;
  let retryMs = options.retryMs ?? 250;
  let retryTimer: NodeJS.Timeout | null = null;
  let pumping: Promise<void> | null = null;
  let pumpAgain = false;

  // Reads every row after the cursor, in id order; one reader at a time, re-run if notified meanwhile.
  function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        pumpAgain = false;
        let page: Awaited<ReturnType<typeof repo.after>>;
        do {
          page = await repo.after(cursor, CATCH_UP_PAGE);
          for (const event of page) {
            cursor = event.id;
            fanOut.emit(event);
          }
        } while (page.length === CATCH_UP_PAGE && !closed);
      } while (pumpAgain && !closed);
    })()
      .catch((error) =>
        log.warn({ err: error }, 'live events: catch-up read failed; retrying on the next notice'),
      )
      .finally(() => {
        pumping = null;
      });
    return pumping;
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url, application_name: 'tidings-live' });
    // Errors arrive here (and then 'end') when the server or network drops the connection.
    next.on('error', (error) => log.warn({ err: error }, 'live events: LISTEN connection error'));
    next.on('end', () => {
      if (client !== next) return;
      client = null;
      if (!closed) scheduleReconnect();
    });
    next.on('notification', () => {
      if (ready) void pump();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      next.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  }

  function scheduleReconnect(): void {
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_BACKOFF_MS);
    log.warn({ retryInMs: delay }, 'live events: LISTEN connection lost; reconnecting');
    retryTimer = setTimeout(async () => {
      retryTimer = null;
      if (closed) return;
      try {
        await connect();
        retryMs = options.retryMs ?? 250;
        log.info('live events: LISTEN connection restored; catching up');
        await pump();
      } catch (error) {
        log.warn({ err: error }, 'live events: reconnect failed');
        if (!closed) scheduleReconnect();
      }
    }, delay);
  }

  // Started by the first subscriber, so CLI commands and worker-only processes never LISTEN.
  function start(): Promise<void> {
    started ??= (async () => {
      await connect();
      // LISTEN is in place first, so every event after this id will be noticed.
      cursor = await repo.latestId();
      ready = true;
      // Events committed between reading the cursor and `ready` had their notice ignored.
      void pump();
    })().catch((error) => {
      started = null;
      const half = client;
      client = null;
      half?.end().catch(() => {});
      throw error;
    });
    return started;
  }

  async function publishAll(notices: LiveNotice[]) {
    const addressed = notices.filter((n) => n.userIds.length > 0);
    if (addressed.length === 0) return;
    try {
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${sql.lit(PUBLISH_LOCK)})`.execute(trx);
        const stored = await liveEventsRepository(trx).insert(addressed, options.now());
        const last = stored[stored.length - 1]?.id ?? 0;
        // Delivered on commit; listeners read the rows themselves, so the payload stays tiny.
        await sql`select pg_notify(${LIVE_CHANNEL}, ${String(last)})`.execute(trx);
      });
    } catch (error) {
      log.error({ err: error, types: addressed.map((n) => n.event.type) }, 'could not publish a live event');
    }
  }

  return {
    publish: (userIds, event) => publishAll([{ userIds, event }]),
    publishAll,
    async subscribe(userId, listener) {
      if (closed) throw new Error('live events are closed');
      const unsubscribe = fanOut.add(userId, listener);
      try {
        await start();
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    since: (userId, afterId, limit = 500) => repo.since(userId, afterId, limit),
    latestId: (userId) => repo.latestId(userId),
    pruneBefore: (time) => repo.pruneBefore(time),
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      fanOut.clear();
      const current = client;
      client = null;
      await started?.catch(() => {});
      await current?.end().catch(() => {});
      // A connect racing with close ends its own client (see connect).
      await pumping;
    },
  };
}
