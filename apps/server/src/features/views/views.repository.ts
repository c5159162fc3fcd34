import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Viewer } from '../threads/thread-access';
import { canSeeThread } from '../threads/thread-access';

export function viewsRepository(db: Kysely<Database>) {
  return {
    /** The recording with its thread (null when in no post yet). */
    findMedia: (mediaId: string) =>
      db
        .selectFrom('media')
        .leftJoin('posts', 'posts.id', 'media.post_id')
        .select(['media.id', 'media.owner_id', 'media.duration_ms', 'posts.thread_id', 'posts.deleted_at'])
        .where('media.id', '=', mediaId)
        .executeTakeFirst(),

    /** THE visibility rule, for a viewer reporting what they watched. */
    canSeeThread: async (viewer: Viewer, threadId: string) =>
      (await db
        .selectFrom('threads')
        .select('threads.id')
        .where('threads.id', '=', threadId)
        .where((eb) => canSeeThread(eb, viewer))
        .executeTakeFirst()) !== undefined,

    viewsOf: (mediaId: string) =>
      db.selectFrom('media_views').selectAll().where('media_id', '=', mediaId).execute(),

    /** Whether the workspace shows who watched (workspaces.named_receipts, default on). */
    namedReceipts: async () =>
      Number(
        (await db.selectFrom('workspaces').select('named_receipts').executeTakeFirst())?.named_receipts ?? 1,
      ) === 1,

    people: (ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('users')
            .select(['id', 'name', 'avatar_key', 'updated_at'])
            .where('id', 'in', ids)
            .orderBy('name')
            .execute(),
  };
}
