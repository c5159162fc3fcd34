import type { TranscriptWord } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * A transcript document starts at its first word; the moment to open is the first matching word
 * in it. Reads each hit recording's words once; falls back to the document's start.
 */
export async function matchMoments(
  db: Kysely<Database>,
  hits: { media_id: string | null; start_ms: number | null }[],
  terms: string[],
): Promise<(number | null)[]> {
  const ids = [...new Set(hits.flatMap((h) => (h.media_id ? [h.media_id] : [])))];
  const words = new Map<string, TranscriptWord[]>();
  if (ids.length > 0) {
    const rows = await db
      .selectFrom('transcripts')
      .select(['media_id', 'words'])
      .where('media_id', 'in', ids)
      .execute();
    for (const row of rows) words.set(row.media_id, JSON.parse(row.words) as TranscriptWord[]);
  }
  const normal = (text: string) => text.normalize('NFKC').toLowerCase();
  return hits.map((hit) => {
    if (hit.start_ms === null) return null;
    const start = Number(hit.start_ms);
    const list = hit.media_id ? (words.get(hit.media_id) ?? []) : [];
    const match = list.find((w) => w.startMs >= start && terms.some((term) => normal(w.text).includes(term)));
    return match ? match.startMs : start;
  });
}
