import type { Kysely } from 'kysely';
import type { Database, SessionRow } from '../../db/schema';

export function sessionsRepository(db: Kysely<Database>) {
  return {
    insert: async (row: SessionRow): Promise<void> => {
      await db.insertInto('sessions').values(row).execute();
    },
    findLive: (id: string, now: number): Promise<SessionRow | undefined> =>
      db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .where('expires_at', '>', now)
        .executeTakeFirst(),
    extend: async (id: string, now: number, expiresAt: number): Promise<void> => {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },
    delete: async (id: string): Promise<void> => {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    deleteForUserExcept: async (userId: string, keepId: string): Promise<void> => {
      await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
    },
    deleteExpired: async (now: number): Promise<number> => {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
