import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { invalid } from '../../lib/errors';
import { indexTranscript } from '../transcripts/transcripts.repository';
import { mediaRepository } from './media.repository';

/**
 * Attaches recordings to a new post, inside the post's transaction: each must be the author's
 * own and in no post yet. They may still be uploading or processing.
 */
export async function attachMedia(
  db: Kysely<Database>,
  authorId: string,
  postId: string,
  mediaIds: string[],
  now: number,
): Promise<void> {
  if (mediaIds.length === 0) return;
  const unique = new Set(mediaIds).size === mediaIds.length;
  const attached = unique ? await mediaRepository(db).attach(mediaIds, authorId, postId, now) : 0;
  if (attached !== mediaIds.length) {
    throw invalid('A recording here is not yours, was deleted, or is already in another message.', {
      mediaIds: 'Attach your own recordings, each once',
    });
  }
  // A recording transcribed before it was sent becomes searchable with its post.
  for (const mediaId of mediaIds) await indexTranscript(db, mediaId);
}
