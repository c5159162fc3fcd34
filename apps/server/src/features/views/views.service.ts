import type { MediaViews, PersonViews, ViewReport } from '@tidings/contracts';
import type { AppContext } from '../../context';
import { notFound } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { presentPerson } from '../threads/people';
import { threadsRepository } from '../threads/threads.repository';
import { recordWatch } from './record-watch';
import { viewsRepository } from './views.repository';
import { parseRanges } from './watched-ranges';

export function viewsService(ctx: AppContext) {
  const repo = viewsRepository(ctx.db);

  return {
    /** A member's player reports what it played; anyone who may see the recording may report. */
    async reportWatch(actor: Actor, mediaId: string, report: ViewReport) {
      const media = await repo.findMedia(mediaId);
      const visible =
        media &&
        (media.owner_id === actor.user.id ||
          (media.thread_id !== null &&
            media.deleted_at === null &&
            (await repo.canSeeThread(actor.user, media.thread_id))));
      if (!media || !visible) throw notFound('That recording');
      const state = await recordWatch(ctx, {
        mediaId,
        viewerKey: actor.user.id,
        userId: actor.user.id,
        shareLinkId: null,
        ranges: report.ranges,
      });
      if (!state) throw notFound('That recording');
      return { watchedMs: state.watchedMs, counted: state.countedAt !== null };
    },

    /**
     * For the recording's author only (404 for anyone else): who among the people the thread is
     * addressed to watched, how much and which parts; counts only when named receipts are off.
     */
    async listViews(actor: Actor, mediaId: string): Promise<MediaViews> {
      const media = await repo.findMedia(mediaId);
      if (!media || media.owner_id !== actor.user.id) throw notFound('That recording');
      const duration = media.duration_ms === null ? null : Number(media.duration_ms);
      const [views, named, audience] = await Promise.all([
        repo.viewsOf(mediaId),
        repo.namedReceipts(),
        media.thread_id ? threadsRepository(ctx.db).audience(media.thread_id) : Promise.resolve([]),
      ]);
      const addressed = [...new Set(audience)].filter((id) => id !== actor.user.id);
      const byUser = new Map(views.filter((v) => v.user_id !== null).map((v) => [v.user_id, v]));
      const linkRows = views.filter((v) => v.share_link_id !== null);
      const people: PersonViews[] = (await repo.people(addressed)).map((p) => {
        const view = byUser.get(p.id);
        const watched = Number(view?.watched_ms ?? 0);
        return {
          person: presentPerson(p),
          watchedMs: watched,
          percent: duration ? Math.min(100, Math.round((watched / duration) * 1000) / 10) : 0,
          ranges: view ? parseRanges(view.ranges) : [],
          counted: view?.counted_at != null,
          lastAt: view ? Number(view.updated_at) : null,
        };
      });
      return {
        durationMs: duration,
        named,
        people: named ? people : [],
        counts: {
          addressed: people.length,
          viewed: people.filter((p) => p.counted).length,
          started: people.filter((p) => p.watchedMs > 0).length,
        },
        linkViews: {
          viewers: linkRows.filter((v) => Number(v.watched_ms) > 0).length,
          counted: linkRows.filter((v) => v.counted_at !== null).length,
        },
      };
    },
  };
}
export type ViewsService = ReturnType<typeof viewsService>;
