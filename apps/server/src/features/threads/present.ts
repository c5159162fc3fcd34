import type { Media, Post, Thread, ThreadSummary } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { Database, ThreadRow } from '../../db/schema';
import { momentsOfPosts } from '../moments/post-moments';
import { filesOfPosts } from '../post-files/post-files.repository';
import { findPeople, type PersonRow, presentPerson, unknownPerson } from './people';
import { type AskRow, type PostWithAuthor, postsRepository } from './posts.repository';
import type { Viewer } from './thread-access';
import type { ThreadSummaryRow } from './threads.repository';
import { threadsRepository } from './threads.repository';

/** The recordings attached to each of `postIds`, as `viewerId` sees them (features/media). */
export type AttachedMedia = (viewerId: string, postIds: string[]) => Promise<Map<string, Media[]>>;
export const noAttachedMedia: AttachedMedia = async () => new Map();

export const DELETED_HTML = '<p class="deleted"><em>This message was deleted</em></p>';

const author = (row: PostWithAuthor): PersonRow => ({
  id: row.author_id,
  name: row.author_name,
  avatar_key: row.author_avatar_key,
  updated_at: row.author_updated_at,
});

type Receipt = PersonRow & { post_id: string; seen_at: number };

/**
 * Posts as a viewer sees them. Who has seen a post is the sender's business only: others get an
 * empty seenBy and no seenAt on asks (no "last seen" anywhere).
 */
export async function presentPosts(
  db: Kysely<Database>,
  viewer: Viewer,
  rows: PostWithAuthor[],
  quoteAuthors: Map<string, string>,
  attached: AttachedMedia = noAttachedMedia,
): Promise<Post[]> {
  const posts = postsRepository(db);
  const ids = rows.map((r) => r.id);
  const ownIds = rows.filter((r) => r.author_id === viewer.id).map((r) => r.id);
  const liveIds = rows.filter((r) => r.deleted_at === null).map((r) => r.id);
  const [asks, receipts, media, moments, files] = await Promise.all([
    posts.asksFor(ids),
    posts.receiptsFor(ownIds),
    attached(viewer.id, liveIds),
    momentsOfPosts(db, rows),
    filesOfPosts(db, liveIds),
  ]);
  const asksByPost = group<AskRow>(asks);
  const receiptsByPost = group<Receipt>(receipts);
  return rows.map((row) => {
    const deleted = row.deleted_at !== null;
    const seen = receiptsByPost.get(row.id) ?? [];
    const seenAt = new Map(seen.map((r) => [r.id, r.seen_at]));
    return {
      id: row.id,
      threadId: row.thread_id,
      author: presentPerson(author(row)),
      bodyHtml: deleted ? DELETED_HTML : row.body_html,
      bodyMarkdown: deleted ? '' : row.body_md,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deletedAt: row.deleted_at,
      expectation: { kind: row.expectation, dueAt: row.due_at, urgentReason: row.urgent_reason },
      asks: deleted
        ? []
        : (asksByPost.get(row.id) ?? []).map((a) => ({
            person: presentPerson(a),
            answeredAt: a.answered_at,
            answeredHow: a.answered_how,
            seenAt: seenAt.get(a.user_id) ?? null,
          })),
      seenBy: seen.map(presentPerson),
      quote:
        row.quote_post_id && row.quote_text !== null
          ? {
              postId: row.quote_post_id,
              text: row.quote_text,
              authorName: quoteAuthors.get(row.quote_post_id) ?? '',
            }
          : null,
      media: media.get(row.id) ?? [],
      moment: moments.get(row.id) ?? null,
      replyToId: row.reply_to_id,
      via: row.via,
      files: files.get(row.id) ?? [],
    };
  });
}

function group<T extends { post_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.post_id, [...(map.get(row.post_id) ?? []), row]);
  return map;
}

export async function presentThread(
  db: Kysely<Database>,
  viewer: Viewer,
  thread: ThreadRow,
  attached: AttachedMedia = noAttachedMedia,
): Promise<Thread> {
  const threads = threadsRepository(db);
  const postRows = await postsRepository(db).listInThread(thread.id);
  const quoteAuthors = new Map(postRows.map((p) => [p.id, p.author_name]));
  const [people, spaces, subscription, creators, posts] = await Promise.all([
    threads.people(thread.id),
    threads.spaces(thread.id),
    threads.subscriptionOf(thread.id, viewer.id),
    findPeople(db, [thread.created_by]),
    presentPosts(db, viewer, postRows, quoteAuthors, attached),
  ]);
  return {
    id: thread.id,
    subject: thread.subject,
    createdBy: presentPerson(creators.get(thread.created_by) ?? unknownPerson),
    createdAt: thread.created_at,
    lastPostAt: thread.last_post_at,
    resolvedAt: thread.resolved_at,
    recipients: {
      people: people.map(presentPerson),
      spaces: spaces.map((s) => ({ id: s.id, name: s.name })),
    },
    subscription,
    posts,
  };
}

export const presentSummary = (row: ThreadSummaryRow): ThreadSummary => ({
  id: row.id,
  subject: row.subject,
  createdBy: presentPerson({
    id: row.created_by,
    name: row.creator_name,
    avatar_key: row.creator_avatar_key,
    updated_at: row.creator_updated_at,
  }),
  createdAt: row.created_at,
  lastPostAt: row.last_post_at,
  resolvedAt: row.resolved_at,
  postCount: row.post_count,
  excerpt: (row.excerpt ?? '').slice(0, 200),
});
