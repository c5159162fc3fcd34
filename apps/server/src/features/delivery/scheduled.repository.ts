import type { Kysely } from 'kysely';
import type { Database, ScheduledPostRow } from '../../db/schema';

export function scheduledRepository(db: Kysely<Database>) {
  return {
    insert: (row: ScheduledPostRow) => db.insertInto('scheduled_posts').values(row).execute(),

    find: (id: string) =>
      db.selectFrom('scheduled_posts').selectAll().where('id', '=', id).executeTakeFirst(),

    /** The author's posts still waiting to go out, soonest first, then the recent others. */
    listForAuthor: (authorId: string) =>
      db
        .selectFrom('scheduled_posts')
        .selectAll()
        .where('author_id', '=', authorId)
        .orderBy('send_at')
        .limit(200)
        .execute(),

    update: (
      id: string,
      patch: Partial<Pick<ScheduledPostRow, 'send_at' | 'request' | 'status' | 'error' | 'post_id'>>,
    ) => db.updateTable('scheduled_posts').set(patch).where('id', '=', id).execute(),
  };
}
