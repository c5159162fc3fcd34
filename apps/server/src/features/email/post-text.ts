import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The first recording of a post, as emails and excerpts show it. */
export interface PostRecording {
  mediaId: string;
  kind: 'video' | 'audio';
  hasPoster: boolean;
  /** The transcript's text once it is done; null while it is on the way (or off, or failed). */
  transcript: string | null;
}

export const TRANSCRIPT_PENDING = '(transcript on the way)';

/** Words a composer puts in by itself for a bare recording: they say nothing to a reader. */
const PLACEHOLDERS = new Set(['', 'voice note', 'video', 'recording', 'video message']);
export const isPlaceholderText = (text: string) =>
  PLACEHOLDERS.has(
    text
      .trim()
      .toLowerCase()
      .replace(/[.!:]+$/, ''),
  );

/** Each post's first recording (by position), with its transcript when done. */
export async function recordingsOf(
  db: Kysely<Database>,
  postIds: string[],
): Promise<Map<string, PostRecording>> {
  const out = new Map<string, PostRecording>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('media')
    .leftJoin('transcripts', 'transcripts.media_id', 'media.id')
    .select([
      'media.id',
      'media.post_id',
      'media.kind',
      'media.poster_key',
      'media.post_index',
      'transcripts.status as transcript_status',
      'transcripts.text as transcript_text',
    ])
    .where('media.post_id', 'in', [...new Set(postIds)])
    .orderBy('media.post_index')
    .execute();
  for (const r of rows) {
    if (!r.post_id || out.has(r.post_id)) continue;
    const done = r.transcript_status === 'done' && (r.transcript_text ?? '').trim() !== '';
    out.set(r.post_id, {
      mediaId: r.id,
      kind: r.kind,
      hasPoster: r.poster_key !== null,
      transcript: done ? (r.transcript_text ?? '').trim() : null,
    });
  }
  return out;
}

/**
 * What a reader should see of a post: its own words, or — for a recording sent with no words of
 * its own (or only the composer's "Voice note") — what was said in it.
 */
export function textOrTranscript(text: string, recording: PostRecording | undefined): string {
  if (!recording || !isPlaceholderText(text)) return text;
  return recording.transcript ?? TRANSCRIPT_PENDING;
}
