import type { MediaViewsSummary } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { viewsRepository } from './views.repository';

const NOT_WATCHED: MediaViewsSummary = { people: 0, linkViews: 0, lastViewedAt: null };

/**
 * The library's "3 viewers" per recording of `ownerId`. Counts only, so named receipts being off
 * changes nothing here: the author sees these counts under the recording anyway.
 */
export async function viewSummaries(
  db: Kysely<Database>,
  ownerId: string,
  mediaIds: string[],
): Promise<Map<string, MediaViewsSummary>> {
  const rows = await viewsRepository(db).summariesFor(ownerId, mediaIds);
  const byMedia = new Map(
    rows.map((row) => [
      row.media_id,
      {
        people: Number(row.people),
        linkViews: Number(row.link_views),
        lastViewedAt: row.last_at === null ? null : Number(row.last_at),
      },
    ]),
  );
  return new Map(mediaIds.map((id) => [id, byMedia.get(id) ?? NOT_WATCHED]));
}
