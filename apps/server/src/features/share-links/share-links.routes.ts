import {
  CreatedShareLink,
  CreateShareLinkRequest,
  IdParams,
  Ok,
  ShareCommentRequest,
  ShareCommentResult,
  SharedContent,
  ShareLink,
  ShareLinkList,
  ShareTargetQuery,
  ShareTokenParam,
  ShareViewReport,
  UnlockShareRequest,
} from '@tidings/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import { AppError } from '../../lib/errors';
import type { Services } from '../../services';
import { type ShareViewerState, shareCookieName } from './share-cookie';
import { LockedOut } from './share-viewer.service';

const tags = ['share links'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The request carries its own proof (see http/auth.ts): no CSRF token is asked for. */
    signedLink?: boolean;
  }
}

/** Members: make, list and revoke links to what they can see. */
export function shareLinksRoutes(app: App, services: Services): void {
  app.post(
    '/share-links',
    {
      schema: {
        tags,
        summary: 'Make an unlisted link to a recording, post or thread (the URL is shown only now)',
        body: CreateShareLinkRequest,
        response: { 201: CreatedShareLink, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return services.shareLinks.createLink(requireActor(request), request.body);
    },
  );

  app.get(
    '/share-links',
    {
      schema: {
        tags,
        summary: 'The links made to one recording, post or thread, with their views',
        querystring: ShareTargetQuery,
        response: { 200: ShareLinkList, ...errorResponses },
      },
    },
    async (request) =>
      services.shareLinks.listLinks(requireActor(request), request.query.kind, request.query.id),
  );

  app.post(
    '/share-links/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Turn a link off for good',
        params: IdParams,
        response: { 200: ShareLink, ...errorResponses },
      },
    },
    async (request) => services.shareLinks.revokeLink(requireActor(request), request.params.id),
  );
}

/**
 * Public pages send no referrer (the token is in the URL) and ask not to be indexed. An onSend
 * hook on the route runs after the app-wide security headers, so this referrer policy wins.
 */
export async function privateToLinkHolders(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-robots-tag', 'noindex, nofollow');
  return payload;
}

/** Writes without an account: the request must come from our own pages (no session, no CSRF token). */
function sameOriginOnly(config: Config) {
  return async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (!origin) return;
    const host = request.headers.host;
    const ours = [new URL(config.publicUrl).origin, `http://${host}`, `https://${host}`];
    if (!ours.includes(origin))
      throw new AppError(403, 'csrf_origin_invalid', 'Cross-site requests are not allowed.');
  };
}

function setViewerCookie(
  reply: FastifyReply,
  config: Config,
  state: ShareViewerState | null,
  sealed: string,
) {
  if (!state) return;
  reply.setCookie(shareCookieName(state.linkId), sealed, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: Math.max(1, Math.floor((state.expiresAt - Date.now()) / 1000)),
  });
}

/** Link viewers (no account): everything is addressed by the token in the path. */
export function sharePublicRoutes(app: App, services: Services, config: Config): void {
  const viewer = services.shareViewer;
  const publicTags = ['share links (public)'];
  const cookieOf = async (request: FastifyRequest, token: string) => {
    const { link } = await viewer.liveLink(token);
    return request.cookies[shareCookieName(link.id)];
  };
  const withCookie = async <T>(
    reply: FastifyReply,
    answer: { result: T; cookie: ShareViewerState | null },
  ): Promise<T> => {
    if (answer.cookie) setViewerCookie(reply, config, answer.cookie, await viewer.seal(answer.cookie));
    return answer.result;
  };

  app.get(
    '/s/:token',
    {
      onSend: privateToLinkHolders,
      schema: {
        tags: publicTags,
        summary: "What a share link shows (401 share_password_required until it's unlocked)",
        params: ShareTokenParam,
        response: { 200: SharedContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      reply.header('cache-control', 'private, no-store');
      return withCookie(reply, await viewer.open(token, await cookieOf(request, token)));
    },
  );

  app.post(
    '/s/:token/unlock',
    {
      onSend: privateToLinkHolders,
      preHandler: sameOriginOnly(config),
      config: { signedLink: true },
      schema: {
        tags: publicTags,
        summary: 'Unlock a password link for this browser (5 wrong tries per 15 minutes, then 429)',
        params: ShareTokenParam,
        body: UnlockShareRequest,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      try {
        const answer = await viewer.unlock(
          token,
          request.body.password,
          request.ip,
          await cookieOf(request, token),
        );
        return await withCookie(reply, answer);
      } catch (error) {
        if (error instanceof LockedOut) return sendLockedOut(reply, error);
        throw error;
      }
    },
  );

  app.post(
    '/s/:token/comments',
    {
      onSend: privateToLinkHolders,
      preHandler: sameOriginOnly(config),
      config: { signedLink: true },
      schema: {
        tags: publicTags,
        summary: 'Comment as a link viewer (when the link allows it); becomes a post in the thread',
        params: ShareTokenParam,
        body: ShareCommentRequest,
        response: { 201: ShareCommentResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      try {
        const answer = await viewer.comment(token, await cookieOf(request, token), request.ip, request.body);
        reply.status(201);
        return await withCookie(reply, answer);
      } catch (error) {
        if (error instanceof LockedOut) return sendLockedOut(reply, error);
        throw error;
      }
    },
  );

  app.post(
    '/s/:token/views',
    {
      onSend: privateToLinkHolders,
      preHandler: sameOriginOnly(config),
      config: { signedLink: true },
      schema: {
        tags: publicTags,
        summary: 'What a link viewer played of one of its recordings',
        params: ShareTokenParam,
        body: ShareViewReport,
        response: { 200: z.object({ watchedMs: z.number(), counted: z.boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      return withCookie(reply, await viewer.reportViews(token, await cookieOf(request, token), request.body));
    },
  );

  app.get(
    '/s/:token/media/:mediaId/captions.vtt',
    {
      onSend: privateToLinkHolders,
      schema: {
        tags: publicTags,
        summary: "WebVTT captions of one of the link's recordings",
        params: ShareTokenParam.extend({ mediaId: z.string().min(1).max(64) }),
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, mediaId } = request.params;
      const vtt = await viewer.captions(token, await cookieOf(request, token), mediaId);
      reply.header('content-type', 'text/vtt; charset=utf-8');
      reply.header('cache-control', 'private, no-cache');
      return vtt;
    },
  );
}

function sendLockedOut(reply: FastifyReply, error: LockedOut) {
  return reply
    .status(429)
    .header('retry-after', String(error.retryAfterS))
    .send({ error: { code: error.code, message: error.message } });
}
