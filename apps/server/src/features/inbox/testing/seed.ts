import type { Kysely } from 'kysely';
import type { Database, ExpectationKind } from '../../../db/schema';
import { newId } from '../../../lib/ids';

/**
 * Test seeding straight into the tables, shaped like what the threads feature writes (a thread,
 * its addressees, its posts and each person's inbox row), so inbox and search can be tested on
 * their own.
 */

export async function seedSpace(
  db: Kysely<Database>,
  input: { name: string; visibility: 'public' | 'private'; createdBy: string; members: string[]; at: number },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('spaces')
    .values({
      id,
      name: input.name,
      description: '',
      visibility: input.visibility,
      created_by: input.createdBy,
      created_at: input.at,
      archived_at: null,
    })
    .execute();
  for (const userId of input.members) {
    await db
      .insertInto('space_members')
      .values({ space_id: id, user_id: userId, added_at: input.at })
      .execute();
  }
  return id;
}

export interface SeedPost {
  author: string;
  body: string;
  at: number;
  expectation?: ExpectationKind;
  dueAt?: number | null;
  /** People asked to answer (post_asks rows, unanswered). */
  asks?: string[];
}

/** A thread with its posts, in order; returns the ids. */
export async function seedThread(
  db: Kysely<Database>,
  input: { subject: string; people?: string[]; spaces?: string[]; posts: SeedPost[] },
): Promise<{ threadId: string; postIds: string[] }> {
  const first = input.posts[0];
  const last = input.posts.at(-1);
  if (!first || !last) throw new Error('a thread needs a post');
  const threadId = newId();
  await db
    .insertInto('threads')
    .values({
      id: threadId,
      subject: input.subject,
      created_by: first.author,
      created_at: first.at,
      last_post_at: last.at,
      resolved_at: null,
      resolved_by: null,
    })
    .execute();
  for (const userId of input.people ?? []) {
    await db.insertInto('thread_people').values({ thread_id: threadId, user_id: userId }).execute();
  }
  for (const spaceId of input.spaces ?? []) {
    await db.insertInto('thread_spaces').values({ thread_id: threadId, space_id: spaceId }).execute();
  }
  const postIds: string[] = [];
  for (const post of input.posts) {
    const id = newId();
    postIds.push(id);
    await db
      .insertInto('posts')
      .values({
        id,
        thread_id: threadId,
        author_id: post.author,
        body_md: post.body,
        body_html: `<p>${post.body}</p>`,
        body_text: post.body,
        expectation: post.expectation ?? 'fyi',
        due_at: post.dueAt ?? null,
        urgent_reason: post.expectation === 'urgent' ? 'on fire' : null,
        quote_post_id: null,
        quote_text: null,
        created_at: post.at,
        edited_at: null,
        deleted_at: null,
      })
      .execute();
    for (const userId of post.asks ?? []) {
      await db
        .insertInto('post_asks')
        .values({ post_id: id, user_id: userId, answered_at: null, answered_how: null })
        .execute();
    }
  }
  return { threadId, postIds };
}

/** One person's inbox row for a thread (what the fan-out would have written). */
export async function seedInboxItem(
  db: Kysely<Database>,
  input: {
    userId: string;
    threadId: string;
    lastPostId: string;
    at: number;
    needsReply?: boolean;
    expectation?: ExpectationKind | null;
    dueAt?: number | null;
    unread?: boolean;
  },
): Promise<void> {
  await db
    .insertInto('inbox_items')
    .values({
      user_id: input.userId,
      thread_id: input.threadId,
      last_activity_at: input.at,
      last_post_id: input.lastPostId,
      unread: input.unread === false ? 0 : 1,
      done_at: null,
      snoozed_until: null,
      needs_reply: input.needsReply ? 1 : 0,
      expectation: input.expectation ?? null,
      due_at: input.dueAt ?? null,
    })
    .execute();
}
