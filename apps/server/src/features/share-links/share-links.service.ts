import type { CreatedShareLink, CreateShareLinkRequest, ShareLink, ShareLinkList } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { ShareLinkRow, ShareTargetKind } from '../../db/schema';
import { forbidden, invalid, notFound } from '../../lib/errors';
import { hashSecret, newId, newSecret } from '../../lib/ids';
import type { Actor } from '../accounts/actor';
import { mediaRepository } from '../media/media.repository';
import { postsRepository } from '../threads/posts.repository';
import { threadsRepository } from '../threads/threads.repository';
import { type ShareLinkWithMaker, shareLinksRepository } from './share-links.repository';

export const shareUrlOf = (publicUrl: string, token: string) => `${publicUrl}/s/${token}`;

/** Neither revoked nor past its expiry. */
export const isLive = (link: ShareLinkRow, now: number) =>
  link.revoked_at === null && (link.expires_at === null || Number(link.expires_at) > now);

export function presentShareLink(row: ShareLinkWithMaker, now: number): ShareLink {
  return {
    id: row.id,
    kind: row.target_kind,
    targetId: row.target_id,
    createdBy: { id: row.created_by, name: row.maker_name },
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    hasPassword: row.password_hash !== null,
    allowComments: row.allow_comments === 1,
    viewCount: Number(row.view_count),
    lastViewedAt: row.last_viewed_at === null ? null : Number(row.last_viewed_at),
    active: isLive(row, now),
  };
}

/** Members' side of share links: make one for what they can see, list them, turn them off. */
export function shareLinksService(ctx: AppContext) {
  const links = shareLinksRepository(ctx.db);
  const threads = threadsRepository(ctx.db);

  /** The thread of a target the actor may see; 404 for anything else (it may not exist). */
  async function threadOfTarget(actor: Actor, kind: ShareTargetKind, id: string): Promise<string> {
    let threadId: string | null = null;
    if (kind === 'thread') threadId = id;
    else if (kind === 'post') {
      const post = await postsRepository(ctx.db).find(id);
      threadId = post && post.deleted_at === null ? post.thread_id : null;
    } else {
      const media = await mediaRepository(ctx.db).find(id);
      const post = media?.post_id ? await postsRepository(ctx.db).find(media.post_id) : undefined;
      if (media && !post && media.owner_id === actor.user.id)
        throw invalid('Post this recording in a thread first; then it can be shared by link.', {
          id: 'Not in a thread yet',
        });
      threadId = post && post.deleted_at === null ? post.thread_id : null;
    }
    if (!threadId || !(await threads.canSee(actor.user, threadId))) throw notFound('That');
    return threadId;
  }

  function assertMayShare(actor: Actor) {
    if (actor.user.role === 'guest' || actor.user.role === 'external')
      throw forbidden('Guests cannot share links; ask a member of the workspace to share it.');
  }

  async function present(id: string): Promise<ShareLink> {
    const row = await links.findWithMaker(id);
    if (!row) throw notFound('That link');
    return presentShareLink(row, ctx.now());
  }

  return {
    async createLink(
      actor: Actor,
      input: z.output<typeof CreateShareLinkRequest>,
    ): Promise<CreatedShareLink> {
      const threadId = await threadOfTarget(actor, input.kind, input.id);
      assertMayShare(actor);
      const now = ctx.now();
      if (input.expiresAt != null && input.expiresAt <= now)
        throw invalid('The link would already have expired.', { expiresAt: 'Choose a time in the future' });
      const token = newSecret();
      const id = newId();
      await links.insert({
        id,
        token_hash: hashSecret(token),
        target_kind: input.kind,
        target_id: input.id,
        thread_id: threadId,
        created_by: actor.user.id,
        created_at: now,
        expires_at: input.expiresAt ?? null,
        revoked_at: null,
        password_hash: input.password ? await ctx.hasher.hash(input.password) : null,
        allow_comments: input.allowComments ? 1 : 0,
        view_count: 0,
        last_viewed_at: null,
      });
      return { link: await present(id), url: shareUrlOf(ctx.config.publicUrl, token) };
    },

    async listLinks(actor: Actor, kind: ShareTargetKind, targetId: string): Promise<ShareLinkList> {
      await threadOfTarget(actor, kind, targetId);
      assertMayShare(actor);
      const now = ctx.now();
      return { links: (await links.listForTarget(kind, targetId)).map((row) => presentShareLink(row, now)) };
    },

    /** Anyone who may share the target may turn a link to it off (a leaked link must be stoppable). */
    async revokeLink(actor: Actor, linkId: string): Promise<ShareLink> {
      const link = await links.find(linkId);
      if (!link || !(await threads.canSee(actor.user, link.thread_id))) throw notFound('That link');
      assertMayShare(actor);
      await links.revoke(link.id, ctx.now());
      return present(link.id);
    },
  };
}
export type ShareLinksService = ReturnType<typeof shareLinksService>;
