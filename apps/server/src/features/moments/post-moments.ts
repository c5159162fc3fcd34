import type { PostMoment } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { momentsRepository } from './moments.repository';

/** "At 1:23 on <title>" for each comment among `rows` (present.ts adds it to posts). */
export async function momentsOfPosts(
  db: Kysely<Database>,
  rows: { id: string; media_id: string | null; at_ms: number | null }[],
): Promise<Map<string, PostMoment>> {
  const tied = rows.filter((r) => r.media_id !== null);
  const media = await momentsRepository(db).mediaTitles([...new Set(tied.map((r) => r.media_id ?? ''))]);
  const byId = new Map(media.map((m) => [m.id, m]));
  const moments = new Map<string, PostMoment>();
  for (const row of tied) {
    const m = byId.get(row.media_id ?? '');
    moments.set(row.id, {
      mediaId: row.media_id ?? '',
      atMs: Number(row.at_ms ?? 0),
      mediaTitle: m?.title || 'the recording',
      mediaPostId: m?.post_id ?? null,
    });
  }
  return moments;
}
