import type { SearchHit, SearchQuery } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Actor } from '../accounts/actor';
import { personFrom } from '../inbox/present';
import { matchMoments } from '../transcripts/search-moment';
import { searchRepository } from './search.repository';
import { searchTerms, snippetHtml } from './search-text';

export function searchService(ctx: AppContext) {
  const repository = searchRepository(ctx.db, ctx.database.dialect);

  return {
    /** Posts (and their threads' subjects) matching every word, among what the actor may see. */
    async search(actor: Actor, query: z.output<typeof SearchQuery>): Promise<SearchHit[]> {
      const terms = searchTerms(query.q);
      // Nothing searchable (only punctuation). has:video/voice keeps posts with such a recording
      // (their text and their transcripts' passages, indexed by features/transcripts).
      if (terms.length === 0) return [];
      const viewer = { id: actor.user.id, role: actor.user.role };
      const rows = await repository.search(terms, viewer, query, query.limit);
      const moments = await matchMoments(ctx.db, rows, terms);
      return rows.map((row, i) => ({
        threadId: row.thread_id,
        postId: row.post_id,
        subject: row.subject,
        snippetHtml: snippetHtml(row.doc_subject, row.doc_body, terms),
        author: personFrom({
          id: row.author_id,
          name: row.author_name,
          avatarKey: row.author_avatar_key,
          updatedAt: row.author_updated_at,
        }),
        createdAt: row.created_at,
        mediaId: row.media_id,
        startMs: moments[i] ?? null,
      }));
    },
  };
}
