import type { AppContext } from '../../context';
import { transcriptsRepository } from '../transcripts/transcripts.repository';

/**
 * An upload nobody finished and nobody posted: after this long with no byte and no stop, the
 * browser that held its spool has long given up. Recordings attached to a post are never swept
 * (the post promised them to its readers; the recorder can still resume them).
 */
export const ABANDONED_UPLOAD_MS = 7 * 24 * 3600 * 1000;

/** Deletes abandoned half-finished uploads: their rows, staged bytes and any blob; returns how many. */
export async function sweepAbandonedUploads(ctx: AppContext, limit = 100): Promise<number> {
  const rows = await ctx.db
    .selectFrom('media')
    .select(['id', 'upload_key'])
    .where('status', '=', 'uploading')
    .where('post_id', 'is', null)
    .where('updated_at', '<', ctx.now() - ABANDONED_UPLOAD_MS)
    .limit(limit)
    .execute();
  for (const row of rows) {
    await ctx.db.deleteFrom('media').where('id', '=', row.id).where('status', '=', 'uploading').execute();
    await transcriptsRepository(ctx.db).delete(row.id);
    await ctx.blobs
      .delete(row.upload_key)
      .catch((err) => ctx.log.warn({ err, key: row.upload_key }, 'blob not deleted'));
    // Local staging lives on an API node's disk: a worker without it finds nothing to remove.
    await ctx.uploadStaging
      .remove(row.id)
      .catch((err) => ctx.log.warn({ err, mediaId: row.id }, 'staged upload not removed'));
  }
  if (rows.length > 0) ctx.log.info({ count: rows.length }, 'abandoned uploads swept');
  return rows.length;
}
