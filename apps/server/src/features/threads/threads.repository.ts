import type { Kysely } from 'kysely';
import type { Database, ThreadRow } from '../../db/schema';
import type { PersonRow } from './people';
import { canSeeThread, type Viewer } from './thread-access';

export type ThreadSummaryRow = ThreadRow & {
  creator_name: string;
  creator_avatar_key: string | null;
  creator_updated_at: number;
  post_count: number;
  excerpt: string | null;
};

export function threadsRepository(db: Kysely<Database>) {
  return {
    insert: async (row: ThreadRow, userIds: string[], spaceIds: string[]): Promise<void> => {
      await db.insertInto('threads').values(row).execute();
      if (userIds.length > 0) {
        await db
          .insertInto('thread_people')
          .values(userIds.map((user_id) => ({ thread_id: row.id, user_id })))
          .execute();
      }
      if (spaceIds.length > 0) {
        await db
          .insertInto('thread_spaces')
          .values(spaceIds.map((space_id) => ({ thread_id: row.id, space_id })))
          .execute();
      }
    },
    findVisible: (viewer: Viewer, id: string): Promise<ThreadRow | undefined> =>
      db
        .selectFrom('threads')
        .selectAll()
        .where('threads.id', '=', id)
        .where((eb) => canSeeThread(eb, viewer))
        .executeTakeFirst(),
    canSee: async (viewer: Viewer, id: string): Promise<boolean> =>
      (await db
        .selectFrom('threads')
        .select('threads.id')
        .where('threads.id', '=', id)
        .where((eb) => canSeeThread(eb, viewer))
        .executeTakeFirst()) !== undefined,
    people: (threadId: string): Promise<PersonRow[]> =>
      db
        .selectFrom('thread_people')
        .innerJoin('users', 'users.id', 'thread_people.user_id')
        .select(['users.id', 'users.name', 'users.avatar_key', 'users.updated_at'])
        .where('thread_people.thread_id', '=', threadId)
        .orderBy('users.name')
        .execute(),
    spaces: (threadId: string) =>
      db
        .selectFrom('thread_spaces')
        .innerJoin('spaces', 'spaces.id', 'thread_spaces.space_id')
        .select(['spaces.id', 'spaces.name', 'spaces.archived_at'])
        .where('thread_spaces.thread_id', '=', threadId)
        .orderBy('spaces.name')
        .execute(),
    /** Everyone the thread is addressed to: its author, its people, members of its spaces. */
    audience: async (threadId: string): Promise<string[]> => {
      const rows = await db
        .selectFrom('threads')
        .select('threads.created_by as user_id')
        .where('threads.id', '=', threadId)
        .union(
          db
            .selectFrom('thread_people')
            .select('thread_people.user_id')
            .where('thread_people.thread_id', '=', threadId),
        )
        .union(
          db
            .selectFrom('thread_spaces')
            .innerJoin('space_members', 'space_members.space_id', 'thread_spaces.space_id')
            .select('space_members.user_id')
            .where('thread_spaces.thread_id', '=', threadId),
        )
        .execute();
      return rows.map((r) => r.user_id);
    },
    subscriptions: (threadId: string) =>
      db
        .selectFrom('thread_subscriptions')
        .select(['user_id', 'mode'])
        .where('thread_id', '=', threadId)
        .execute(),
    subscriptionOf: async (threadId: string, userId: string) =>
      (
        await db
          .selectFrom('thread_subscriptions')
          .select('mode')
          .where('thread_id', '=', threadId)
          .where('user_id', '=', userId)
          .executeTakeFirst()
      )?.mode ?? 'default',
    setSubscription: async (threadId: string, userId: string, mode: 'follow' | 'mute' | 'default') => {
      if (mode === 'default') {
        await db
          .deleteFrom('thread_subscriptions')
          .where('thread_id', '=', threadId)
          .where('user_id', '=', userId)
          .execute();
        return;
      }
      await db
        .insertInto('thread_subscriptions')
        .values({ thread_id: threadId, user_id: userId, mode })
        .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doUpdateSet({ mode }))
        .execute();
    },
    setResolved: async (id: string, at: number | null, by: string | null): Promise<void> => {
      await db
        .updateTable('threads')
        .set({ resolved_at: at, resolved_by: by })
        .where('id', '=', id)
        .execute();
    },
    touch: async (id: string, at: number): Promise<void> => {
      await db.updateTable('threads').set({ last_post_at: at }).where('id', '=', id).execute();
    },
    /** Threads addressed to a space that the viewer may see, latest activity first. */
    listInSpace: async (
      viewer: Viewer,
      spaceId: string,
      page: { before?: number | undefined; limit: number },
    ): Promise<ThreadSummaryRow[]> => {
      let query = db
        .selectFrom('threads')
        .innerJoin('thread_spaces', 'thread_spaces.thread_id', 'threads.id')
        .innerJoin('users', 'users.id', 'threads.created_by')
        .selectAll('threads')
        .select((eb) => [
          'users.name as creator_name',
          'users.avatar_key as creator_avatar_key',
          'users.updated_at as creator_updated_at',
          eb
            .selectFrom('posts')
            .select((s) => s.fn.countAll<number>().as('n'))
            .whereRef('posts.thread_id', '=', 'threads.id')
            .as('post_count'),
          eb
            .selectFrom('posts')
            .select('posts.body_text')
            .whereRef('posts.thread_id', '=', 'threads.id')
            .orderBy('posts.created_at', 'desc')
            .limit(1)
            .as('excerpt'),
        ])
        .where('thread_spaces.space_id', '=', spaceId)
        .where((eb) => canSeeThread(eb, viewer));
      if (page.before !== undefined) query = query.where('threads.last_post_at', '<', page.before);
      const rows = await query.orderBy('threads.last_post_at', 'desc').limit(page.limit).execute();
      return rows.map((r) => ({ ...r, post_count: Number(r.post_count) }));
    },
  };
}
