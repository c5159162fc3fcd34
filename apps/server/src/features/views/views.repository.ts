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

    /**
     * Counted views per recording of `ownerId`, in one grouped query for the whole library; the
     * owner's own watching is left out. One row per media and viewer, so counts are viewers.
     */
    summariesFor: (ownerId: string, mediaIds: string[]) =>
      mediaIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('media_views')
            .select((eb) => [
              'media_id',
              eb.fn.count<number | string>('user_id').distinct().as('people'),
              eb.fn.count<number | string>('share_link_id').as('link_views'),
              eb.fn.max('updated_at').as('last_at'),
            ])
            .where('media_id', 'in', mediaIds)
            .where('counted_at', 'is not', null)
            .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '!=', ownerId)]))
            .groupBy('media_id')
            .execute(),
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
