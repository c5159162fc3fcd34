import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import type { Database } from '../../db/schema';
import { announceMediaUpdated } from '../media/announce';
import { countsAsView, mergeRanges, parseRanges, type WatchedRange, watchedMs } from './watched-ranges';

export interface WatchReport {
  mediaId: string;
  /** A user id for people with an account; `link:<shareLinkId>:<random>` for a link viewer. */
  viewerKey: string;
  userId: string | null;
  shareLinkId: string | null;
  ranges: readonly (readonly [number, number])[];
}

export interface WatchState {
  ranges: WatchedRange[];
  watchedMs: number;
  /** When it first counted as a view, or null while it does not yet. */
  countedAt: number | null;
  /** True when this report is the one that made it count. */
  countedNow: boolean;
  ownerId: string;
}

/**
 * Records what one viewer watched of a recording: merges the new ranges into what was stored,
 * clamps them to the duration, and marks the view counted the first time it reaches 5 s or
 * 75 %. The caller has already checked that the viewer may see the recording (members through
 * the thread, link viewers through their share link). Returns null when the recording is gone.
 */
export async function recordWatch(ctx: Pick<AppContext, 'db' | 'now' | 'live' | 'log'>, report: WatchReport) {
  const state = await ctx.db.transaction().execute((trx) => recordWatchIn(trx, report, ctx.now()));
  // The author's library shows viewer counts: tell their open pages when someone new counts.
  if (state?.countedNow && report.userId !== state.ownerId) {
    await announceMediaUpdated(ctx, state.ownerId, report.mediaId);
  }
  return state;
}

export async function recordWatchIn(
  db: Kysely<Database>,
  report: WatchReport,
  now: number,
): Promise<WatchState | null> {
  const media = await db
    .selectFrom('media')
    .select(['id', 'duration_ms', 'owner_id'])
    .where('id', '=', report.mediaId)
    .executeTakeFirst();
  if (!media) return null;
  const duration = media.duration_ms === null ? null : Number(media.duration_ms);
  await db
    .insertInto('media_views')
    .values({
      media_id: report.mediaId,
      viewer_key: report.viewerKey,
      user_id: report.userId,
      share_link_id: report.shareLinkId,
      ranges: '[]',
      watched_ms: 0,
      counted_at: null,
      first_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['media_id', 'viewer_key']).doNothing())
    .execute();
  // Lock the row before reading it: two reports of one viewer (a tick and a pagehide) then merge
  // one after the other instead of the later overwriting the earlier (PostgreSQL read committed).
  await db
    .updateTable('media_views')
    .set({ updated_at: now })
    .where('media_id', '=', report.mediaId)
    .where('viewer_key', '=', report.viewerKey)
    .execute();
  const existing = await db
    .selectFrom('media_views')
    .select(['ranges', 'counted_at'])
    .where('media_id', '=', report.mediaId)
    .where('viewer_key', '=', report.viewerKey)
    .executeTakeFirstOrThrow();
  const ranges = mergeRanges([...parseRanges(existing.ranges), ...report.ranges], duration);
  const watched = watchedMs(ranges);
  const wasCounted = existing.counted_at !== null;
  const countedAt = wasCounted ? Number(existing.counted_at) : countsAsView(watched, duration) ? now : null;
  await db
    .updateTable('media_views')
    .set({ ranges: JSON.stringify(ranges), watched_ms: watched, counted_at: countedAt, updated_at: now })
    .where('media_id', '=', report.mediaId)
    .where('viewer_key', '=', report.viewerKey)
    .execute();
  return {
    ranges,
    watchedMs: watched,
    countedAt,
    countedNow: countedAt !== null && !wasCounted,
    ownerId: media.owner_id,
  };
}
