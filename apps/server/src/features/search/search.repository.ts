import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../../adapters/db/database';
import type { Database } from '../../db/schema';
import { canSeeThread, type Viewer } from '../threads/thread-access';
import { fts5Query, tsQuery } from './search-text';

export interface SearchFilters {
  spaceId?: string;
  authorId?: string;
  needsReply?: boolean;
  from?: number;
  to?: number;
  /** Posts with a recording of this kind (has:video / has:voice). */
  has?: 'video' | 'voice';
}

export interface SearchRow {
  post_id: string;
  thread_id: string;
  subject: string;
  created_at: number;
  author_id: string;
  author_name: string;
  author_avatar_key: string | null;
  author_updated_at: number;
  /** The indexed text, for the snippet: the subject ('' but on opening posts) and the body. */
  doc_subject: string;
  doc_body: string;
  /** Transcript documents: the recording and where the passage starts. */
  media_id: string | null;
  start_ms: number | null;
}

type Scope = ExpressionBuilder<Database, 'search_documents' | 'threads'>;

/**
 * What a matching document must satisfy: on a thread the viewer may see, and the filters.
 * Deleted posts need no check: their documents leave the index with them (see migration 0003).
 * Only the documents and threads are joined, so ranking many matches stays cheap; the post's
 * columns are read through subqueries only when a filter needs them.
 */
function hitConditions(eb: Scope, viewer: Viewer, filters: SearchFilters): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    canSeeThread(eb as unknown as ExpressionBuilder<Database, 'threads'>, viewer),
  ];
  const { authorId, from, to } = filters;
  if (authorId !== undefined || from !== undefined || to !== undefined) {
    let post = eb
      .selectFrom('posts')
      .select('posts.id')
      .whereRef('posts.id', '=', 'search_documents.post_id');
    if (authorId !== undefined) post = post.where('posts.author_id', '=', authorId);
    if (from !== undefined) post = post.where('posts.created_at', '>=', from);
    if (to !== undefined) post = post.where('posts.created_at', '<=', to);
    conditions.push(eb.exists(post));
  }
  // A transcript's documents stay while its post is only soft-deleted: hide them with it.
  conditions.push(
    eb.or([
      eb('search_documents.kind', '=', 'post'),
      eb.exists(
        eb
          .selectFrom('posts')
          .select('posts.id')
          .whereRef('posts.id', '=', 'search_documents.post_id')
          .where('posts.deleted_at', 'is', null),
      ),
    ]),
  );
  if (filters.has) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('media')
          .select('media.id')
          .whereRef('media.post_id', '=', 'search_documents.post_id')
          .where('media.kind', '=', filters.has === 'video' ? 'video' : 'audio'),
      ),
    );
  }
  if (filters.spaceId) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('thread_spaces')
          .select('thread_spaces.space_id')
          .whereRef('thread_spaces.thread_id', '=', 'threads.id')
          .where('thread_spaces.space_id', '=', filters.spaceId),
      ),
    );
  }
  if (filters.needsReply) {
    // Posts that ask the searcher for an answer they have not given yet.
    conditions.push(
      eb.exists(
        eb
          .selectFrom('post_asks')
          .select('post_asks.user_id')
          .whereRef('post_asks.post_id', '=', 'search_documents.post_id')
          .where('post_asks.user_id', '=', viewer.id)
          .where('post_asks.answered_at', 'is', null),
      ),
    );
  }
  return eb.and(conditions);
}

export function searchRepository(db: Kysely<Database>, dialect: Dialect) {
  /**
   * The visible matching documents' ids, best first. SQLite: FTS5 with bm25 (subject weighing
   * double). PostgreSQL: the GIN index with ts_rank (subject weight A, body B).
   */
  const rank = (terms: string[], viewer: Viewer, filters: SearchFilters, limit: number) => {
    if (dialect === 'postgres') {
      const query = sql`to_tsquery('simple', ${tsQuery(terms)})`;
      return db
        .selectFrom('search_documents')
        .innerJoin('threads', 'threads.id', 'search_documents.thread_id')
        .where(sql<boolean>`search_documents.tsv @@ ${query}`)
        .where((eb) => hitConditions(eb, viewer, filters))
        .select('search_documents.id')
        .orderBy(sql`ts_rank(search_documents.tsv, ${query})`, 'desc')
        .orderBy('search_documents.id', 'desc')
        .limit(limit)
        .execute();
    }
    return db
      .selectFrom(sql<{ rowid: number }>`search_fts`.as('search_fts'))
      .innerJoin('search_documents', 'search_documents.id', 'search_fts.rowid')
      .innerJoin('threads', 'threads.id', 'search_documents.thread_id')
      .where(sql<boolean>`search_fts match ${fts5Query(terms)}`)
      .where((eb) => hitConditions(eb as unknown as Scope, viewer, filters))
      .select('search_documents.id')
      .orderBy(sql`bm25(search_fts, 2.0, 1.0)`)
      .orderBy('search_documents.id', 'desc')
      .limit(limit)
      .execute();
  };

  return {
    /**
     * Ranking reads only the index, documents and threads; the page's details (and the text the
     * snippet is cut from) are read afterwards for the page alone.
     */
    async search(
      terms: string[],
      viewer: Viewer,
      filters: SearchFilters,
      limit: number,
    ): Promise<SearchRow[]> {
      const ranked = await rank(terms, viewer, filters, limit);
      if (ranked.length === 0) return [];
      const rows = await db
        .selectFrom('search_documents')
        .innerJoin('threads', 'threads.id', 'search_documents.thread_id')
        .innerJoin('posts', 'posts.id', 'search_documents.post_id')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .where(
          'search_documents.id',
          'in',
          ranked.map((r) => r.id),
        )
        .select([
          'search_documents.id',
          'search_documents.post_id',
          'search_documents.thread_id',
          'search_documents.subject as doc_subject',
          'search_documents.body as doc_body',
          'search_documents.media_id',
          'search_documents.start_ms',
          'threads.subject',
          'posts.created_at',
          'users.id as author_id',
          'users.name as author_name',
          'users.avatar_key as author_avatar_key',
          'users.updated_at as author_updated_at',
        ])
        .execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ranked.flatMap((r) => byId.get(r.id) ?? []);
    },
  };
}
