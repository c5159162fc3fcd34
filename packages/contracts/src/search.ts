import { z } from 'zod';
import { EpochMs, Id } from './common';
import { Person } from './threads';

export const SearchQuery = z.object({
  q: z.string().trim().min(1, { message: 'Type something to search for' }).max(200),
  spaceId: Id.optional(),
  authorId: Id.optional(),
  has: z.enum(['video', 'voice']).optional(),
  needsReply: z
    .stringbool()
    .optional()
    .describe('true: only posts that ask you for an answer you have not given'),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const SearchHit = z
  .object({
    threadId: Id,
    postId: Id,
    subject: z.string(),
    snippetHtml: z.string().describe('Matching passage; matches wrapped in <mark>, everything else escaped'),
    author: Person,
    createdAt: EpochMs,
    /** A hit in a recording's transcript: which recording, and where the passage starts. */
    mediaId: Id.nullable().default(null),
    startMs: z.number().int().nullable().default(null),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResults = z.object({ hits: z.array(SearchHit) });
