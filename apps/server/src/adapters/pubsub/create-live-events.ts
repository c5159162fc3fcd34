import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/database';
import { inProcessLiveEvents } from './in-process-live-events';
import type { LiveEvents } from './live-events';
import { postgresLiveEvents } from './postgres-live-events';

/** SQLite: one process, in-memory fan-out. PostgreSQL: LISTEN/NOTIFY, so any number of processes. */
export function createLiveEvents(
  database: DatabaseHandle,
  options: { url: string; log: Logger; now: () => number },
): LiveEvents {
  return database.dialect === 'postgres'
    ? postgresLiveEvents(database.db, options)
    : inProcessLiveEvents(database.db, options.log, options.now);
}
