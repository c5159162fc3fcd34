import type { AppContext } from '../../context';
import type { MediaRow } from '../../db/schema';
import { allJobs } from '../../jobs/registry';
import { createJobRunner } from '../../jobs/runner';
import { newId } from '../../lib/ids';
import { enqueueFinalize } from './finalize-queue';
import { mediaRepository } from './media.repository';
import { receivedMediaRow } from './media-row';

/** A media whose upload just finished with `data`: stored, and its finalize job queued (as uploads do). */
export async function storeUploaded(
  ctx: AppContext,
  ownerId: string,
  data: Buffer,
  media: { kind: MediaRow['kind']; mimeType: string },
): Promise<string> {
  const id = newId();
  const row = receivedMediaRow(
    {
      id,
      ownerId,
      kind: media.kind,
      source: 'recording',
      title: '',
      mimeType: media.mimeType,
      now: ctx.now(),
    },
    data.length,
  );
  await mediaRepository(ctx.db).insert(row);
  await ctx.blobs.put(row.upload_key, data, media.mimeType);
  await enqueueFinalize(ctx, id);
  return id;
}

/** Runs every queued job (media.finalize, then the transcription it queues); returns how many ran. */
export const drainJobs = (ctx: AppContext) => createJobRunner(ctx, allJobs).drain();
