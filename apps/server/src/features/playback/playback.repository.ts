import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export function playbackRepository(db: Kysely<Database>) {
  return {
    async position(mediaId: string, userId: string): Promise<number | null> {
      const row = await db
        .selectFrom('media_positions')
        .select('position_ms')
        .where('media_id', '=', mediaId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? Number(row.position_ms) : null;
    },

    async savePosition(mediaId: string, userId: string, positionMs: number, now: number): Promise<void> {
      await db
        .insertInto('media_positions')
        .values({ media_id: mediaId, user_id: userId, position_ms: positionMs, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['media_id', 'user_id']).doUpdateSet({ position_ms: positionMs, updated_at: now }),
        )
        .execute();
    },
  };
}
