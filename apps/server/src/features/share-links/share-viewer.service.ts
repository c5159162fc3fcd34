import type { ShareCommentRequest, SharedContent, ShareViewReport } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { ShareLinkRow } from '../../db/schema';
import { AppError, invalid } from '../../lib/errors';
import { hashSecret, newId } from '../../lib/ids';
import { purposeKey } from '../../lib/secrets';
import { rateLimiter } from '../accounts/rate-limiter';
import { type Notice, publishAll } from '../threads/live';
import { type PostDraft, writePost } from '../threads/post-writer';
import { threadsService } from '../threads/threads.service';
import { wordsOf } from '../transcripts/present';
import { buildVtt } from '../transcripts/segments';
import { transcriptsRepository } from '../transcripts/transcripts.repository';
import { recordWatch } from '../views/record-watch';
import { type LinkTarget, loadTarget, mediaOfTarget, presentTarget } from './share-content';
import {
  openShareCookie,
  SHARE_COOKIE_PURPOSE,
  SHARE_COOKIE_TTL_MS,
  type ShareViewerState,
  sealShareCookie,
} from './share-cookie';
import { shareLinksRepository } from './share-links.repository';
import { isLive } from './share-links.service';

/** Unknown, revoked, expired, or its target gone: one answer, so nothing is revealed. */
export const linkGone = () =>
  new AppError(
    404,
    'share_link_unavailable',
    "This link doesn't work — it may have expired or been turned off. Ask the person who sent it for a new one.",
  );
const passwordRequired = () =>
  new AppError(401, 'share_password_required', 'This link is protected by a password.');

/** Failed unlocks per link and viewer IP, and per link from anywhere (distributed guessing). */
export const UNLOCK_WINDOW_MS = 15 * 60_000;
export const UNLOCK_LIMIT_PER_IP = 5;
const UNLOCK_LIMIT_PER_LINK = 100;
const COMMENT_LIMIT_PER_IP = 10;
/** A page open counts as a view at most this often per viewer. */
const VIEW_EVERY_MS = 30 * 60_000;

/** 429 with the seconds to wait (the route sends them as Retry-After). */
export class LockedOut extends AppError {
  constructor(
    readonly retryAfterS: number,
    what: string,
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
    super(429, 'rate_limited', `${what} Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
}

/** What a public call returns, plus the viewer's cookie when it changed. */
export interface ViewerAnswer<T> {
  result: T;
  cookie: ShareViewerState | null;
}

/** The link viewer's side (no account): content, unlock, comments, captions, media bytes. */
export function shareViewerService(ctx: AppContext) {
  const links = shareLinksRepository(ctx.db);
  const limiter = rateLimiter(ctx.db, UNLOCK_WINDOW_MS);
  const cookieKey = () => purposeKey(ctx, SHARE_COOKIE_PURPOSE);

  async function liveLink(token: string): Promise<{ link: ShareLinkRow; target: LinkTarget }> {
    const link = await links.findByTokenHash(hashSecret(token));
    if (!link || !isLive(link, ctx.now())) throw linkGone();
    const target = await loadTarget(ctx, link);
    if (!target) throw linkGone();
    return { link, target };
  }

  async function stateOf(link: ShareLinkRow, cookie: string | undefined): Promise<ShareViewerState | null> {
    return openShareCookie(await cookieKey(), cookie, link.id, ctx.now());
  }

  function freshState(link: ShareLinkRow): ShareViewerState {
    const now = ctx.now();
    const cap = link.expires_at === null ? Number.POSITIVE_INFINITY : Number(link.expires_at);
    return {
      linkId: link.id,
      expiresAt: Math.min(now + SHARE_COOKIE_TTL_MS, cap),
      unlocked: false,
      viewerId: newId(),
      commenterId: null,
      countedAt: null,
    };
  }

  /** The link, its target and this viewer; 401 while a password link is still locked. */
  async function admitted(token: string, cookie: string | undefined) {
    const { link, target } = await liveLink(token);
    const state = await stateOf(link, cookie);
    if (link.password_hash !== null && !state?.unlocked) throw passwordRequired();
    return { link, target, state };
  }

  return {
    liveLink,
    seal: async (state: ShareViewerState) => sealShareCookie(await cookieKey(), state),

    /** The page's content; counts a view once per viewer per half hour. */
    async open(token: string, cookie: string | undefined): Promise<ViewerAnswer<SharedContent>> {
      const { link, target, state } = await admitted(token, cookie);
      const now = ctx.now();
      let next: ShareViewerState | null = null;
      if (!state || state.countedAt === null || now - state.countedAt >= VIEW_EVERY_MS) {
        await links.countView(link.id, now);
        next = { ...(state ?? freshState(link)), countedAt: now };
      }
      const commenter = state?.commenterId ? await links.findUser(state.commenterId) : undefined;
      const shown = await presentTarget(ctx, link, token, target);
      return {
        result: {
          kind: link.target_kind,
          title: shown.title,
          allowComments: link.allow_comments === 1,
          expiresAt: link.expires_at === null ? null : Number(link.expires_at),
          media: shown.media,
          posts: shown.posts,
          viewerName: commenter?.name ?? null,
        },
        cookie: next,
      };
    },

    /** argon2id check, rate limited per link + IP; success marks this viewer's cookie unlocked. */
    async unlock(
      token: string,
      password: string,
      ip: string,
      cookie: string | undefined,
    ): Promise<ViewerAnswer<{ ok: true }>> {
      const { link } = await liveLink(token);
      const state = (await stateOf(link, cookie)) ?? freshState(link);
      if (link.password_hash === null || state.unlocked) return { result: { ok: true }, cookie: state };
      const now = ctx.now();
      const ipKey = `share-unlock:${link.id}:${ip}`;
      const linkKey = `share-unlock:${link.id}`;
      const lockedOut = () =>
        new LockedOut(Math.ceil(limiter.retryAfterMs(now) / 1000), 'Too many wrong passwords for this link.');
      const [byIp, byLink] = await Promise.all([limiter.count(ipKey, now), limiter.count(linkKey, now)]);
      if (byIp >= UNLOCK_LIMIT_PER_IP || byLink >= UNLOCK_LIMIT_PER_LINK) throw lockedOut();
      if (!(await ctx.hasher.verify(link.password_hash, password))) {
        await Promise.all([limiter.hit(ipKey, now), limiter.hit(linkKey, now)]);
        if (byIp + 1 >= UNLOCK_LIMIT_PER_IP) throw lockedOut();
        throw new AppError(
          400,
          'share_password_wrong',
          'That password is not right. Check it and try again.',
          {
            password: 'Wrong password',
          },
        );
      }
      return { result: { ok: true }, cookie: { ...state, unlocked: true } };
    },

    /**
     * A comment from a link viewer: posted into the thread as an 'external' user made for this
     * viewer (remembered in their cookie). They are not added to the thread's people, so the
     * comment gives them no access in the app.
     */
    async comment(
      token: string,
      cookie: string | undefined,
      ip: string,
      input: z.output<typeof ShareCommentRequest>,
    ): Promise<ViewerAnswer<{ postId: string }>> {
      const { link, target, state } = await admitted(token, cookie);
      if (link.allow_comments !== 1) throw linkGone();
      const now = ctx.now();
      const key = `share-comment:${link.id}:${ip}`;
      if ((await limiter.count(key, now)) >= COMMENT_LIMIT_PER_IP)
        throw new LockedOut(Math.ceil(limiter.retryAfterMs(now) / 1000), 'Too many comments from here.');
      const media = mediaOfTarget(target);
      const mediaId = input.mediaId ?? (link.target_kind === 'media' ? link.target_id : undefined);
      if (mediaId !== undefined && !media.some((m) => m.id === mediaId))
        throw invalid('That recording is not part of this link.', { mediaId: 'Not on this page' });
      if (input.atMs !== undefined && mediaId === undefined)
        throw invalid('Say which recording the moment is in.', { mediaId: 'Choose a recording' });
      await limiter.hit(key, now);

      const viewer = state ?? freshState(link);
      let authorId = viewer.commenterId;
      let author = authorId ? await links.findUser(authorId) : undefined;
      if (!author) {
        authorId = newId();
        await links.insertLinkViewer({
          id: authorId,
          name: input.name,
          email: `viewer-${newId()}@share.invalid`,
          now,
        });
        author = await links.findUser(authorId);
      } else if (author.name !== input.name) {
        await links.renameUser(author.id, input.name, now);
        author = { ...author, name: input.name };
      }
      if (!author) throw new Error('link viewer was not created');
      const draft: PostDraft = {
        body: input.body,
        expectation: { kind: 'fyi' },
        via: 'link',
        ...(mediaId !== undefined && input.atMs !== undefined && { moment: { mediaId, atMs: input.atMs } }),
      };
      const writer = author;
      const written = await ctx.db
        .transaction()
        .execute((trx) => writePost(trx, target.thread, writer, draft, now));
      const threadId = target.thread.id;
      const notices: Notice[] = [
        { userIds: written.inboxChanged, event: { type: 'post.created', threadId, postId: written.post.id } },
        { userIds: written.inboxChanged, event: { type: 'inbox.changed', threadId } },
      ];
      if (written.post.media_id) {
        // As for comments in the app (posts.service): open players show the new mark at once.
        notices.push({
          userIds: await threadsService(ctx).watchers(threadId),
          event: { type: 'moments.changed', threadId, mediaId: written.post.media_id },
        });
      }
      await publishAll(ctx, notices);
      return { result: { postId: written.post.id }, cookie: { ...viewer, commenterId: writer.id } };
    },

    /** What a link viewer played (views feature); one viewer per cookie. */
    async reportViews(
      token: string,
      cookie: string | undefined,
      input: z.output<typeof ShareViewReport>,
    ): Promise<ViewerAnswer<{ watchedMs: number; counted: boolean }>> {
      const { link, target, state } = await admitted(token, cookie);
      if (!mediaOfTarget(target).some((m) => m.id === input.mediaId)) throw linkGone();
      const viewer = state ?? freshState(link);
      const watched = await recordWatch(ctx, {
        mediaId: input.mediaId,
        viewerKey: `link:${link.id}:${viewer.viewerId}`,
        userId: null,
        shareLinkId: link.id,
        ranges: input.ranges,
      });
      if (!watched) throw linkGone();
      return {
        result: { watchedMs: watched.watchedMs, counted: watched.countedAt !== null },
        cookie: state ? null : viewer,
      };
    },

    async captions(token: string, cookie: string | undefined, mediaId: string): Promise<string> {
      const { target } = await admitted(token, cookie);
      if (!mediaOfTarget(target).some((m) => m.id === mediaId)) throw linkGone();
      const row = await transcriptsRepository(ctx.db).find(mediaId);
      return buildVtt(row?.status === 'done' ? wordsOf(row) : []);
    },

    /** The poster for link previews: only links without a password (crawlers carry no cookie). */
    async previewPoster(token: string): Promise<string> {
      const { link, target } = await liveLink(token);
      const poster = mediaOfTarget(target).find((m) => m.poster_key !== null)?.poster_key;
      if (link.password_hash !== null || !poster) throw linkGone();
      return poster;
    },

    /**
     * Checked on every media byte a link viewer fetches (the URL's signature is bound to the
     * link): the link is still live, the recording is part of it, and a password link was unlocked.
     */
    async authorizeBytes(linkId: string, mediaId: string, cookie: string | undefined): Promise<void> {
      const link = await links.find(linkId);
      if (!link || !isLive(link, ctx.now())) throw linkGone();
      const target = await loadTarget(ctx, link);
      if (!target || !mediaOfTarget(target).some((m) => m.id === mediaId)) throw linkGone();
      if (link.password_hash !== null && !(await stateOf(link, cookie))?.unlocked) throw linkGone();
    },
  };
}
export type ShareViewerService = ReturnType<typeof shareViewerService>;
