import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { invalid } from '../../lib/errors';
import { momentsRepository } from './moments.repository';

export interface MomentDraft {
  moment?: { mediaId: string; atMs: number } | undefined;
  replyToId?: string | undefined;
}

/**
 * Checks a comment on the moment before it is written into `threadId`: the recording must be
 * attached to a live post of THIS thread (so anyone who can see the thread can see it), and the
 * time must lie within it; a reply must answer a live post of the same thread.
 */
export async function checkMomentDraft(db: Kysely<Database>, threadId: string, draft: MomentDraft) {
  const repo = momentsRepository(db);
  if (draft.moment) {
    const media = await repo.findMediaInThread(threadId, draft.moment.mediaId);
    if (!media) {
      throw invalid('Comment on a recording in this thread.', {
        'moment.mediaId': 'That recording is not in this thread',
      });
    }
    if (media.duration_ms !== null && draft.moment.atMs > media.duration_ms) {
      throw invalid('That moment is past the end of the recording.', {
        'moment.atMs': `Choose a time between 0:00 and ${formatMoment(media.duration_ms)}`,
      });
    }
  }
  if (draft.replyToId) {
    const target = await db
      .selectFrom('posts')
      .select(['id', 'thread_id', 'deleted_at'])
      .where('id', '=', draft.replyToId)
      .executeTakeFirst();
    if (!target || target.thread_id !== threadId || target.deleted_at !== null) {
      throw invalid('Reply to a comment in this thread.', {
        replyToId: 'That comment is not in this thread',
      });
    }
  }
}

/** 83 000 → "1:23"; hours when needed ("1:02:03"). */
export function formatMoment(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
