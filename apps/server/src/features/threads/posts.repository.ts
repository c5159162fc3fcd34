import type { Kysely } from 'kysely';
import type { Database, PostRow } from '../../db/schema';
import type { PersonRow } from './people';

export type PostWithAuthor = PostRow & {
  author_name: string;
  author_avatar_key: string | null;
  author_updated_at: number;
};
export type AskRow = {
  post_id: string;
  user_id: string;
  answered_at: number | null;
  answered_how: 'reply' | 'answered' | 'decided' | null;
} & PersonRow;
type AnswerHow = 'reply' | 'answered' | 'decided';

export function postsRepository(db: Kysely<Database>) {
  const withAuthor = () =>
    db
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.author_id')
      .selectAll('posts')
      .select([
        'users.name as author_name',
        'users.avatar_key as author_avatar_key',
        'users.updated_at as author_updated_at',
      ]);
  return {
    insert: async (row: PostRow): Promise<void> => {
      await db.insertInto('posts').values(row).execute();
    },
    find: (id: string): Promise<PostRow | undefined> =>
      db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst(),
    findWithAuthor: (id: string): Promise<PostWithAuthor | undefined> =>
      withAuthor().where('posts.id', '=', id).executeTakeFirst(),
    listInThread: (threadId: string): Promise<PostWithAuthor[]> =>
      withAuthor()
        .where('posts.thread_id', '=', threadId)
        .orderBy('posts.created_at')
        .orderBy('posts.id')
        .execute(),
    asksFor: (postIds: string[]): Promise<AskRow[]> =>
      postIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('post_asks')
            .innerJoin('users', 'users.id', 'post_asks.user_id')
            .select([
              'post_asks.post_id',
              'post_asks.user_id',
              'post_asks.answered_at',
              'post_asks.answered_how',
              'users.id',
              'users.name',
              'users.avatar_key',
              'users.updated_at',
            ])
            .where('post_asks.post_id', 'in', postIds)
            .orderBy('users.name')
            .execute(),
    receiptsFor: (postIds: string[]) =>
      postIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('post_receipts')
            .innerJoin('users', 'users.id', 'post_receipts.user_id')
            .select([
              'post_receipts.post_id',
              'post_receipts.seen_at',
              'users.id',
              'users.name',
              'users.avatar_key',
              'users.updated_at',
            ])
            .where('post_receipts.post_id', 'in', postIds)
            .orderBy('post_receipts.seen_at')
            .execute(),
    insertAsks: async (postId: string, userIds: string[]): Promise<void> => {
      if (userIds.length === 0) return;
      await db
        .insertInto('post_asks')
        .values(
          userIds.map((user_id) => ({ post_id: postId, user_id, answered_at: null, answered_how: null })),
        )
        .execute();
    },
    /** Closes every open ask of `userId` in a thread; returns how many were open. */
    answerOpenAsksInThread: async (threadId: string, userId: string, how: AnswerHow, at: number) => {
      const result = await db
        .updateTable('post_asks')
        .set({ answered_at: at, answered_how: how })
        .where('user_id', '=', userId)
        .where('answered_at', 'is', null)
        .where('post_id', 'in', (eb) =>
          eb.selectFrom('posts').select('posts.id').where('posts.thread_id', '=', threadId),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    answerAsk: async (postId: string, userId: string, how: AnswerHow, at: number): Promise<boolean> => {
      const result = await db
        .updateTable('post_asks')
        .set({ answered_at: at, answered_how: how })
        .where('post_id', '=', postId)
        .where('user_id', '=', userId)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    askedUserIds: async (postId: string): Promise<string[]> =>
      (await db.selectFrom('post_asks').select('user_id').where('post_id', '=', postId).execute()).map(
        (r) => r.user_id,
      ),
    updateBody: async (
      id: string,
      patch: Pick<PostRow, 'body_md' | 'body_html' | 'body_text' | 'edited_at'>,
    ) => {
      await db.updateTable('posts').set(patch).where('id', '=', id).execute();
    },
    tombstone: async (id: string, at: number): Promise<void> => {
      await db
        .updateTable('posts')
        .set({
          body_md: '',
          body_html: '',
          body_text: '',
          deleted_at: at,
          quote_text: null,
          quote_post_id: null,
        })
        .where('id', '=', id)
        .execute();
      // Earlier bodies go too: deleting means the words are gone, not hidden.
      await db.deleteFrom('post_revisions').where('post_id', '=', id).execute();
    },
    insertRevision: async (row: { id: string; post_id: string; body_md: string; edited_at: number }) => {
      await db.insertInto('post_revisions').values(row).execute();
    },
    revisions: (postId: string) =>
      db
        .selectFrom('post_revisions')
        .select(['body_md', 'edited_at'])
        .where('post_id', '=', postId)
        .orderBy('edited_at', 'desc')
        .execute(),
    /** Records first sight of every live post in a thread not written by `userId`; returns the new ones. */
    markSeen: async (threadId: string, userId: string, at: number) => {
      const unseen = await db
        .selectFrom('posts')
        .select(['posts.id', 'posts.author_id'])
        .where('posts.thread_id', '=', threadId)
        .where('posts.author_id', '!=', userId)
        .where('posts.deleted_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('post_receipts')
                .select('post_receipts.post_id')
                .whereRef('post_receipts.post_id', '=', 'posts.id')
                .where('post_receipts.user_id', '=', userId),
            ),
          ),
        )
        .execute();
      if (unseen.length > 0) {
        await db
          .insertInto('post_receipts')
          .values(unseen.map((p) => ({ post_id: p.id, user_id: userId, seen_at: at })))
          .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
          .execute();
      }
      return unseen;
    },
    urgentSentSince: async (userId: string, since: number): Promise<number> => {
      const row = await db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('author_id', '=', userId)
        .where('expectation', '=', 'urgent')
        .where('created_at', '>', since)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
