import type { TranscriptWord } from '@tidings/contracts';
import type { Kysely, Updateable } from 'kysely';
import type { Database, TranscriptRow, TranscriptsTable } from '../../db/schema';
import { searchSegments } from './segments';

export function transcriptsRepository(db: Kysely<Database>) {
  return {
    find: (mediaId: string): Promise<TranscriptRow | undefined> =>
      db.selectFrom('transcripts').selectAll().where('media_id', '=', mediaId).executeTakeFirst(),

    /** A fresh `pending` row, or the existing one reset to pending (a re-run keeps nothing old). */
    async reset(mediaId: string, now: number): Promise<void> {
      const values = {
        status: 'pending' as const,
        progress: null,
        message: null,
        language: null,
        engine: null,
        words: '[]',
        text: '',
        updated_at: now,
        started_at: null,
        finished_at: null,
      };
      await db
        .insertInto('transcripts')
        .values({ media_id: mediaId, silences: null, created_at: now, ...values })
        .onConflict((oc) => oc.column('media_id').doUpdateSet(values))
        .execute();
    },

    async update(mediaId: string, values: Updateable<TranscriptsTable>): Promise<void> {
      await db.updateTable('transcripts').set(values).where('media_id', '=', mediaId).execute();
    },

    async logCorrections(
      rows: {
        media_id: string;
        word_index: number;
        before: string;
        text: string;
        corrected_by: string;
        corrected_at: number;
      }[],
    ): Promise<void> {
      if (rows.length > 0) await db.insertInto('transcript_corrections').values(rows).execute();
    },

    async delete(mediaId: string): Promise<void> {
      await db
        .deleteFrom('search_documents')
        .where('kind', '=', 'transcript')
        .where('media_id', '=', mediaId)
        .execute();
      await db.deleteFrom('transcript_corrections').where('media_id', '=', mediaId).execute();
      await db.deleteFrom('transcripts').where('media_id', '=', mediaId).execute();
    },

    /** The owner's language, else the workspace's; null lets the engine decide. */
    async languageFor(ownerId: string): Promise<string | null> {
      const user = await db
        .selectFrom('users')
        .select('language')
        .where('id', '=', ownerId)
        .executeTakeFirst();
      if (user?.language) return user.language;
      const workspace = await db.selectFrom('workspaces').select('language').executeTakeFirst();
      return workspace?.language ?? null;
    },
  };
}

/**
 * Puts a media's transcript into the search index: one document per sentence-sized segment, with
 * where it starts. Only media in a (live) post are searchable; anything indexed before is replaced.
 */
export async function indexTranscript(db: Kysely<Database>, mediaId: string): Promise<void> {
  await db
    .deleteFrom('search_documents')
    .where('kind', '=', 'transcript')
    .where('media_id', '=', mediaId)
    .execute();
  const row = await db
    .selectFrom('transcripts')
    .innerJoin('media', 'media.id', 'transcripts.media_id')
    .innerJoin('posts', 'posts.id', 'media.post_id')
    .select([
      'transcripts.words',
      'transcripts.status',
      'posts.id as post_id',
      'posts.thread_id',
      'posts.deleted_at',
    ])
    .where('transcripts.media_id', '=', mediaId)
    .executeTakeFirst();
  if (row?.status !== 'done' || row.deleted_at !== null) return;
  const segments = searchSegments(JSON.parse(row.words) as TranscriptWord[]);
  // In slices, to stay under PostgreSQL's parameter limit on long recordings.
  for (let at = 0; at < segments.length; at += 500) {
    await db
      .insertInto('search_documents')
      .values(
        segments.slice(at, at + 500).map((segment) => ({
          kind: 'transcript' as const,
          thread_id: row.thread_id,
          post_id: row.post_id,
          media_id: mediaId,
          start_ms: segment.startMs,
          subject: '',
          body: segment.text,
        })),
      )
      .execute();
  }
}
