import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { canSeeThread, type Viewer } from '../threads/thread-access';

/** A recording in a post, with the thread it lives in. */
export interface MediaInThread {
  id: string;
  owner_id: string;
  title: string;
  duration_ms: number | null;
  post_id: string;
  thread_id: string;
}

type MediaInThreadRow = Omit<MediaInThread, 'duration_ms'> & { duration_ms: number | string | null };

/** PostgreSQL returns bigint columns as strings. */
const withNumbers = (row: MediaInThreadRow | undefined): MediaInThread | undefined =>
  row && { ...row, duration_ms: row.duration_ms === null ? null : Number(row.duration_ms) };

export function momentsRepository(db: Kysely<Database>) {
  /** Recordings in live posts, as a MediaInThread. */
  const mediaInLivePosts = () =>
    db
      .selectFrom('media')
      .innerJoin('posts', 'posts.id', 'media.post_id')
      .select([
        'media.id',
        'media.owner_id',
        'media.title',
        'media.duration_ms',
        'posts.id as post_id',
        'posts.thread_id',
      ])
      .where('posts.deleted_at', 'is', null);

  return {
    /** The recording if it is in a live post of a thread `viewer` may see (THE visibility rule). */
    findVisibleMedia: async (viewer: Viewer, mediaId: string) =>
      withNumbers(
        await mediaInLivePosts()
          .innerJoin('threads', 'threads.id', 'posts.thread_id')
          .where('media.id', '=', mediaId)
          .where((eb) => canSeeThread(eb, viewer))
          .executeTakeFirst(),
      ),

    /** The recording if it is attached to a live post of `threadId`. */
    findMediaInThread: async (threadId: string, mediaId: string) =>
      withNumbers(
        await mediaInLivePosts()
          .where('media.id', '=', mediaId)
          .where('posts.thread_id', '=', threadId)
          .executeTakeFirst(),
      ),

    /** Comments on the recording (not replies to them), oldest moment first. */
    comments: (mediaId: string) =>
      db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select([
          'posts.id',
          'posts.thread_id',
          'posts.at_ms',
          'posts.body_text',
          'posts.created_at',
          'users.id as author_id',
          'users.name as author_name',
          'users.avatar_key as author_avatar_key',
          'users.updated_at as author_updated_at',
        ])
        .where('posts.media_id', '=', mediaId)
        .where('posts.reply_to_id', 'is', null)
        .where('posts.deleted_at', 'is', null)
        .orderBy('posts.at_ms')
        .orderBy('posts.created_at')
        .execute(),

    /** How many live replies each of `postIds` has. */
    async replyCounts(postIds: string[]): Promise<Map<string, number>> {
      if (postIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('posts')
        .select(['reply_to_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('reply_to_id', 'in', postIds)
        .where('deleted_at', 'is', null)
        .groupBy('reply_to_id')
        .execute();
      return new Map(rows.map((r) => [r.reply_to_id ?? '', Number(r.n)]));
    },

    reactions: (mediaId: string) =>
      db
        .selectFrom('media_reactions')
        .innerJoin('users', 'users.id', 'media_reactions.user_id')
        .select([
          'media_reactions.id',
          'media_reactions.emoji',
          'media_reactions.at_ms',
          'media_reactions.created_at',
          'users.id as user_id',
          'users.name',
          'users.avatar_key',
          'users.updated_at',
        ])
        .where('media_reactions.media_id', '=', mediaId)
        .orderBy('media_reactions.at_ms')
        .orderBy('media_reactions.created_at')
        .execute(),

    async insertReaction(row: Database['media_reactions']): Promise<void> {
      await db.insertInto('media_reactions').values(row).execute();
    },

    /** Removes the caller's own reaction; false when there was none of theirs by that id. */
    async deleteReaction(mediaId: string, reactionId: string, userId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('media_reactions')
        .where('id', '=', reactionId)
        .where('media_id', '=', mediaId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The same emoji at the same moment by the same person is one reaction, not two. */
    findSame: (mediaId: string, userId: string, emoji: string, atMs: number) =>
      db
        .selectFrom('media_reactions')
        .select(['id', 'emoji', 'at_ms'])
        .where('media_id', '=', mediaId)
        .where('user_id', '=', userId)
        .where('emoji', '=', emoji)
        .where('at_ms', '=', atMs)
        .executeTakeFirst(),

    /** Titles and posts of recordings that comments in a thread point at. */
    mediaTitles: async (mediaIds: string[]) =>
      mediaIds.length === 0
        ? []
        : db.selectFrom('media').select(['id', 'title', 'post_id']).where('id', 'in', mediaIds).execute(),
  };
}
