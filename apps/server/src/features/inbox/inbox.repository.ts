import type { InboxSection } from '@tidings/contracts';
import { type ExpressionBuilder, type Kysely, sql, type Updateable } from 'kysely';
import type { Database, InboxItemsTable } from '../../db/schema';
import { canSeeThread, type Viewer } from '../threads/thread-access';
import { afterCursor, SECTION_ORDER } from './inbox-order';

/** Enough of the latest post's text for an excerpt, without reading a long body whole. */
const EXCERPT_SOURCE_CHARS = 400;

type ItemScope = ExpressionBuilder<Database, 'inbox_items' | 'threads'>;

/** Not snoozed, or the snooze has run out: a snoozed item comes back on its own. */
const awake = (eb: ItemScope, now: number) =>
  eb.or([eb('inbox_items.snoozed_until', 'is', null), eb('inbox_items.snoozed_until', '<=', now)]);

function inSection(eb: ItemScope, section: InboxSection, now: number) {
  switch (section) {
    case 'needs_reply':
    case 'updates':
      return eb.and([
        eb('inbox_items.needs_reply', '=', section === 'needs_reply' ? 1 : 0),
        eb('inbox_items.done_at', 'is', null),
        awake(eb, now),
      ]);
    case 'done':
      return eb('inbox_items.done_at', 'is not', null);
    case 'snoozed':
      return eb.and([eb('inbox_items.done_at', 'is', null), eb('inbox_items.snoozed_until', '>', now)]);
  }
}

export function inboxRepository(db: Kysely<Database>) {
  /** The viewer's items on threads they may still see. */
  const visibleItems = (viewer: Viewer) =>
    db
      .selectFrom('inbox_items')
      .innerJoin('threads', 'threads.id', 'inbox_items.thread_id')
      .where('inbox_items.user_id', '=', viewer.id)
      .where((eb) => canSeeThread(eb as unknown as ExpressionBuilder<Database, 'threads'>, viewer));

  return {
    /** One page of a section, in the section's order, after the cursor's position if given. */
    listSection: (
      viewer: Viewer,
      section: InboxSection,
      now: number,
      limit: number,
      after?: (string | number)[],
    ) => {
      const keys = SECTION_ORDER[section];
      let query = visibleItems(viewer)
        .innerJoin('posts', 'posts.id', 'inbox_items.last_post_id')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .where((eb) => inSection(eb, section, now));
      if (after) query = query.where((eb) => afterCursor(eb, keys, after));
      for (const key of keys) query = query.orderBy((eb) => key.expr(eb), key.dir);
      return query
        .select([
          'inbox_items.thread_id',
          'inbox_items.last_post_id',
          'inbox_items.last_activity_at',
          'inbox_items.unread',
          'inbox_items.done_at',
          'inbox_items.snoozed_until',
          'inbox_items.needs_reply',
          'inbox_items.expectation',
          'inbox_items.due_at',
          'threads.subject',
          'threads.resolved_at',
          'posts.created_at as post_created_at',
          'posts.deleted_at as post_deleted_at',
          sql<string>`substr(posts.body_text, 1, ${EXCERPT_SOURCE_CHARS})`.as('post_text'),
          'users.id as author_id',
          'users.name as author_name',
          'users.avatar_key as author_avatar_key',
          'users.updated_at as author_updated_at',
        ])
        .limit(limit)
        .execute();
    },

    /** Sidebar counts over the items that are neither done nor snoozed. */
    counts: async (viewer: Viewer, now: number) => {
      const row = await visibleItems(viewer)
        .where('inbox_items.done_at', 'is', null)
        .where((eb) => awake(eb, now))
        .select([
          sql<number>`coalesce(sum(case when inbox_items.needs_reply = 1 then 1 else 0 end), 0)`.as(
            'needs_reply',
          ),
          sql<number>`coalesce(sum(case when inbox_items.needs_reply = 0 then 1 else 0 end), 0)`.as(
            'updates',
          ),
          sql<number>`coalesce(sum(inbox_items.unread), 0)`.as('unread'),
        ])
        .executeTakeFirstOrThrow();
      return {
        needsReply: Number(row.needs_reply),
        updates: Number(row.updates),
        unread: Number(row.unread),
      };
    },

    findVisible: (viewer: Viewer, threadId: string) =>
      visibleItems(viewer)
        .where('inbox_items.thread_id', '=', threadId)
        .select(['inbox_items.thread_id', 'inbox_items.snoozed_until'])
        .executeTakeFirst(),

    /** The item as it is, whoever can see it (the snooze job re-checks before it speaks). */
    find: (userId: string, threadId: string) =>
      db
        .selectFrom('inbox_items')
        .select(['user_id', 'thread_id', 'snoozed_until', 'done_at'])
        .where('user_id', '=', userId)
        .where('thread_id', '=', threadId)
        .executeTakeFirst(),

    update: async (userId: string, threadId: string, changes: Updateable<InboxItemsTable>): Promise<void> => {
      await db
        .updateTable('inbox_items')
        .set(changes)
        .where('user_id', '=', userId)
        .where('thread_id', '=', threadId)
        .execute();
    },
  };
}
export type InboxRepository = ReturnType<typeof inboxRepository>;
