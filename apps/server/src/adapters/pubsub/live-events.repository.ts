import type { LiveEvent } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { Database, LiveEventRow } from '../../db/schema';
import { insertRows } from '../db/insert-rows';
import type { AddressedEvent, LiveNotice } from './live-events';

// Rows per INSERT: keeps well under SQLite's and PostgreSQL's bound-parameter limits.
const INSERT_CHUNK = 500;

export function toAddressed(row: Pick<LiveEventRow, 'id' | 'user_id' | 'payload'>): AddressedEvent {
  return { id: Number(row.id), userId: row.user_id, event: JSON.parse(row.payload) as LiveEvent };
}

export function liveEventsRepository(db: Kysely<Database>) {
  return {
    /**
     * One row per recipient of each notice (each notice's recipients once), in notice order;
     * returns them in id order. Run it inside a transaction.
     */
    async insert(notices: LiveNotice[], now: number): Promise<AddressedEvent[]> {
      const values = notices.flatMap(({ userIds, event }) => {
        const payload = JSON.stringify(event);
        const threadId = 'threadId' in event ? event.threadId : null;
        return [...new Set(userIds)].map((userId) => ({
          user_id: userId,
          type: event.type,
          thread_id: threadId,
          payload,
          created_at: now,
        }));
      });
      const out: AddressedEvent[] = [];
      for (let i = 0; i < values.length; i += INSERT_CHUNK) {
        const rows = await insertRows(db, 'live_events', values.slice(i, i + INSERT_CHUNK), (part) =>
          db.insertInto('live_events').values(part).returning(['id', 'user_id', 'payload']),
        );
        out.push(...rows.map(toAddressed));
      }
      return out.sort((a, b) => a.id - b.id);
    },

    async since(userId: string, afterId: number, limit: number): Promise<AddressedEvent[]> {
      const rows = await db
        .selectFrom('live_events')
        .select(['id', 'user_id', 'payload'])
        .where('user_id', '=', userId)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toAddressed);
    },

    /** Every person's events after `afterId`: what a listening process has not fanned out yet. */
    async after(afterId: number, limit: number): Promise<AddressedEvent[]> {
      const rows = await db
        .selectFrom('live_events')
        .select(['id', 'user_id', 'payload'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toAddressed);
    },

    async latestId(userId?: string): Promise<number> {
      let query = db.selectFrom('live_events').select((eb) => eb.fn.max('id').as('max'));
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      const row = await query.executeTakeFirst();
      return Number(row?.max ?? 0);
    },

    async pruneBefore(time: number): Promise<number> {
      const result = await db.deleteFrom('live_events').where('created_at', '<', time).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
