import { type Kysely, sql } from 'kysely';
import { insertRows } from '../../adapters/db/insert-rows';
import type { Database, ExpectationKind, InboxItemsTable } from '../../db/schema';

export type OpenAsk = { user_id: string; expectation: ExpectationKind; due_at: number | null };
type AskFields = Pick<InboxItemsTable, 'needs_reply' | 'expectation' | 'due_at'>;
export type InboxWrite = AskFields & { user_id: string };

/** Writes to inbox_items (the inbox feature reads them and owns done/snooze/unread actions). */
export function inboxItemsRepository(db: Kysely<Database>) {
  return {
    /**
     * Open asks addressed to these people in a thread, from posts that still exist. Read for the
     * whole thread and filtered here: with the people in the SQL, SQLite walks every open ask of
     * each of them across all threads (hundreds for a space's members) instead of this thread's.
     */
    openAsks: async (threadId: string, userIds: string[]): Promise<OpenAsk[]> => {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('posts')
        .innerJoin('post_asks', 'post_asks.post_id', 'posts.id')
        .select(['post_asks.user_id', 'posts.expectation', 'posts.due_at'])
        .where('posts.thread_id', '=', threadId)
        .where('posts.deleted_at', 'is', null)
        .where('post_asks.answered_at', 'is', null)
        .execute();
      const wanted = new Set(userIds);
      return rows.filter((row) => wanted.has(row.user_id));
    },
    existingUserIds: async (threadId: string): Promise<string[]> =>
      (await db.selectFrom('inbox_items').select('user_id').where('thread_id', '=', threadId).execute()).map(
        (r) => r.user_id,
      ),
    /**
     * New activity for these people: brings the thread back (not done, unread) unless `quiet`
     * (the author's own post: read, and left done if it was). Snoozes are kept. A row's own
     * `quiet` overrides the activity's, so a post's readers and its author are one statement.
     */
    upsertActivity: async (
      threadId: string,
      rows: (InboxWrite & { quiet?: boolean })[],
      activity: { at: number; postId: string; quiet: boolean },
    ): Promise<void> => {
      const values = rows.map((r) => ({
        user_id: r.user_id,
        needs_reply: r.needs_reply,
        expectation: r.expectation,
        due_at: r.due_at,
        thread_id: threadId,
        last_activity_at: activity.at,
        last_post_id: activity.postId,
        unread: (r.quiet ?? activity.quiet) ? 0 : 1,
        done_at: null,
        snoozed_until: null,
      }));
      await insertRows(db, 'inbox_items activity', values, (part) =>
        db
          .insertInto('inbox_items')
          .values(part)
          .onConflict((oc) =>
            oc.columns(['user_id', 'thread_id']).doUpdateSet((eb) => ({
              last_activity_at: eb.ref('excluded.last_activity_at'),
              last_post_id: eb.ref('excluded.last_post_id'),
              needs_reply: eb.ref('excluded.needs_reply'),
              expectation: eb.ref('excluded.expectation'),
              due_at: eb.ref('excluded.due_at'),
              unread: eb.ref('excluded.unread'),
              // Unread activity un-does the thread; the author's quiet row leaves done as it was.
              done_at: sql<
                number | null
              >`case when excluded.unread = 1 then null else inbox_items.done_at end`,
            })),
          ),
      );
    },
    /** Changes only what is asked of a person; returns the people whose row exists. */
    updateAsks: async (threadId: string, row: InboxWrite): Promise<boolean> => {
      const { user_id, ...fields } = row;
      const result = await db
        .updateTable('inbox_items')
        .set(fields)
        .where('thread_id', '=', threadId)
        .where('user_id', '=', user_id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    markRead: async (threadId: string, userId: string): Promise<boolean> => {
      const result = await db
        .updateTable('inbox_items')
        .set({ unread: 0 })
        .where('thread_id', '=', threadId)
        .where('user_id', '=', userId)
        .where('unread', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
