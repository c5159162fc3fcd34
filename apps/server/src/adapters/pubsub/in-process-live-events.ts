import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema';
import type { LiveEvents, LiveNotice } from './live-events';
import { liveEventsRepository } from './live-events.repository';
import { localFanOut } from './local-fan-out';

/**
 * Live events for one process (the SQLite default): stored in live_events for resume, then
 * handed to this process's subscribers once the insert has committed. SQLite has one writer, so
 * ids commit in order. A second process on the same SQLite file would not see these events.
 */
export function inProcessLiveEvents(db: Kysely<Database>, log: Logger, now: () => number): LiveEvents {
  const fanOut = localFanOut(log);
  const repo = liveEventsRepository(db);
  async function publishAll(notices: LiveNotice[]) {
    const addressed = notices.filter((n) => n.userIds.length > 0);
    if (addressed.length === 0) return;
    try {
      const stored = await db
        .transaction()
        .execute((trx) => liveEventsRepository(trx).insert(addressed, now()));
      for (const event of stored) fanOut.emit(event);
    } catch (error) {
      log.error({ err: error, types: addressed.map((n) => n.event.type) }, 'could not publish a live event');
    }
  }
  return {
    publish: (userIds, event) => publishAll([{ userIds, event }]),
    publishAll,
    async subscribe(userId, listener) {
      return fanOut.add(userId, listener);
    },
    since: (userId, afterId, limit = 500) => repo.since(userId, afterId, limit),
    latestId: (userId) => repo.latestId(userId),
    pruneBefore: (time) => repo.pruneBefore(time),
    async close() {
      fanOut.clear();
    },
  };
}
