import type { AppContext } from '../../context';
import { mediaRepository } from '../media/media.repository';
import { toPlaybackMedia } from '../media/present';
import type { FindMedia } from './playback.service';

/** What playback needs of a media row, read through the media feature's repository. */
export function mediaSource(ctx: AppContext): FindMedia {
  const media = mediaRepository(ctx.db);
  return async (id) => {
    const row = await media.find(id);
    return row ? toPlaybackMedia(row) : null;
  };
}
