import { type Kysely, sql, type Updateable } from 'kysely';
import type { Database, MediaRow, MediaTable } from '../../db/schema';
import { canSeeThread, type Viewer } from '../threads/thread-access';

export type MediaWithOwner = MediaRow & {
  owner_name: string;
  owner_avatar_key: string | null;
  owner_updated_at: number;
  /** The transcript's status and its first characters (issue 5); null before there is one. */
  transcript_status: string | null;
  transcript_excerpt: string | null;
};

export function mediaRepository(db: Kysely<Database>) {
  const withOwner = () =>
    db
      .selectFrom('media')
      .innerJoin('users', 'users.id', 'media.owner_id')
      .leftJoin('transcripts', 'transcripts.media_id', 'media.id')
      .selectAll('media')
      .select([
        'users.name as owner_name',
        'users.avatar_key as owner_avatar_key',
        'users.updated_at as owner_updated_at',
        'transcripts.status as transcript_status',
        sql<string | null>`substr(transcripts.text, 1, 280)`.as('transcript_excerpt'),
      ]);

  return {
    async insert(row: MediaRow): Promise<void> {
      await db.insertInto('media').values(row).execute();
    },

    find: (id: string): Promise<MediaWithOwner | undefined> =>
      withOwner().where('media.id', '=', id).executeTakeFirst(),

    findByShareToken: (token: string): Promise<MediaWithOwner | undefined> =>
      withOwner().where('media.share_token', '=', token).executeTakeFirst(),

    listByOwner: (ownerId: string, limit: number): Promise<MediaWithOwner[]> =>
      withOwner()
        .where('media.owner_id', '=', ownerId)
        .orderBy('media.created_at', 'desc')
        .orderBy('media.id', 'desc')
        .limit(limit)
        .execute(),

    listForPosts: (postIds: string[]): Promise<MediaWithOwner[]> =>
      postIds.length === 0
        ? Promise.resolve([])
        : withOwner().where('media.post_id', 'in', postIds).orderBy('media.post_index').execute(),

    async update(id: string, patch: Updateable<MediaTable>): Promise<void> {
      await db.updateTable('media').set(patch).where('id', '=', id).execute();
    },

    /** Records the animated preview of a ready media; false when the media is gone meanwhile. */
    async setPreview(id: string, key: string, now: number): Promise<boolean> {
      const result = await db
        .updateTable('media')
        .set({ preview_key: key, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'ready')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Raises upload_offset, never lowers it (PATCH requests can finish out of order). */
    async advanceOffset(id: string, offset: number, now: number): Promise<boolean> {
      const result = await db
        .updateTable('media')
        .set({ upload_offset: offset, updated_at: now })
        .where('id', '=', id)
        .where('upload_offset', '<', offset)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Attaches media not yet in a post; returns how many rows it took. */
    async attach(ids: string[], ownerId: string, postId: string, now: number): Promise<number> {
      let attached = 0;
      for (const [index, id] of ids.entries()) {
        const result = await db
          .updateTable('media')
          .set({ post_id: postId, post_index: index, updated_at: now })
          .where('id', '=', id)
          .where('owner_id', '=', ownerId)
          .where('post_id', 'is', null)
          .executeTakeFirst();
        attached += Number(result.numUpdatedRows);
      }
      return attached;
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('media').where('id', '=', id).execute();
    },

    /** THE visibility rule, through the post's thread. */
    async canSeePost(viewer: Viewer, postId: string): Promise<boolean> {
      const row = await db
        .selectFrom('posts')
        .innerJoin('threads', 'threads.id', 'posts.thread_id')
        .select('posts.id')
        .where('posts.id', '=', postId)
        .where('posts.deleted_at', 'is', null)
        .where((eb) => canSeeThread(eb, viewer))
        .executeTakeFirst();
      return row !== undefined;
    },

    async workspaceLimits(): Promise<{
      maxRecordingMinutes: number;
      maxUploadBytes: number;
      language: string | null;
      externalLinkIdleDays: number;
      namedReceipts: boolean;
    }> {
      const row = await db
        .selectFrom('workspaces')
        .select([
          'max_recording_minutes',
          'max_upload_bytes',
          'language',
          'external_link_idle_days',
          'named_receipts',
        ])
        .executeTakeFirst();
      return {
        maxRecordingMinutes: Number(row?.max_recording_minutes ?? 30),
        maxUploadBytes: Number(row?.max_upload_bytes ?? 4 * 1024 ** 3),
        language: row?.language ?? null,
        externalLinkIdleDays: Number(row?.external_link_idle_days ?? 30),
        namedReceipts: Number(row?.named_receipts ?? 1) === 1,
      };
    },

    async updateWorkspaceLimits(patch: {
      maxRecordingMinutes?: number;
      maxUploadBytes?: number;
      language?: string | null;
      externalLinkIdleDays?: number;
      namedReceipts?: boolean;
    }) {
      const set: Updateable<Database['workspaces']> = {};
      if (patch.externalLinkIdleDays !== undefined) set.external_link_idle_days = patch.externalLinkIdleDays;
      if (patch.namedReceipts !== undefined) set.named_receipts = patch.namedReceipts ? 1 : 0;
      if (patch.language !== undefined) set.language = patch.language;
      if (patch.maxRecordingMinutes !== undefined) set.max_recording_minutes = patch.maxRecordingMinutes;
      if (patch.maxUploadBytes !== undefined) set.max_upload_bytes = patch.maxUploadBytes;
      if (Object.keys(set).length > 0) await db.updateTable('workspaces').set(set).execute();
    },
  };
}
export type MediaRepository = ReturnType<typeof mediaRepository>;
