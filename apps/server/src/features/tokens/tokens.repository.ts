import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database } from '../../db/schema';

export function tokensRepository(db: Kysely<Database>) {
  return {
    insert: async (row: ApiTokenRow): Promise<void> => {
      await db.insertInto('api_tokens').values(row).execute();
    },
    listActiveForUser: (userId: string): Promise<ApiTokenRow[]> =>
      db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .execute(),
    findActiveByHash: (hash: string): Promise<ApiTokenRow | undefined> =>
      db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    touch: async (id: string, now: number): Promise<void> => {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },
    revoke: async (id: string, userId: string, now: number): Promise<boolean> => {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
