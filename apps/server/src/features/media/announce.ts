import type { AppContext } from '../../context';

/**
 * Tells the owner's open pages that a media changed (status, progress, preview, transcript,
 * viewers). Best effort: a lost live event must never fail the work that caused it.
 */
export async function announceMediaUpdated(
  ctx: Pick<AppContext, 'live' | 'log'>,
  ownerId: string,
  mediaId: string,
): Promise<void> {
  try {
    await ctx.live.publish([ownerId], { type: 'media.updated', mediaId });
  } catch (error) {
    ctx.log.warn({ err: error, mediaId }, 'media event not published');
  }
}
