import { IdParams, PlaybackPosition, PlaybackUrls } from '@tidings/contracts';
import { z } from 'zod';
import { requireActor, resolveActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import { shareCookieName } from '../share-links/share-cookie';
import { sendFile } from './serve-file';
import { MEDIA_VARIANTS } from './signing';

const tags = ['media'];

/** Under /api: the signed URLs of a recording and the caller's remembered position. */
export function playbackApiRoutes(app: App, services: Services): void {
  app.get(
    '/media/:id/playback',
    {
      schema: {
        tags,
        summary: 'Short-lived signed URLs for playing a recording, and where the caller stopped',
        params: IdParams,
        response: { 200: PlaybackUrls, ...errorResponses },
      },
    },
    async (request) => services.playback.describePlayback(requireActor(request), request.params.id),
  );

  app.put(
    '/media/:id/position',
    {
      schema: {
        tags,
        summary: 'Remember where the caller stopped watching',
        params: IdParams,
        body: PlaybackPosition,
        response: { 200: PlaybackPosition, ...errorResponses },
      },
    },
    async (request) => {
      await services.playback.savePosition(requireActor(request), request.params.id, request.body.positionMs);
      return { positionMs: request.body.positionMs };
    },
  );
}

const VariantParams = z.object({ id: z.string().min(1).max(64), variant: z.enum(MEDIA_VARIANTS) });
const SignedQuery = z.object({
  exp: z.string().max(20).optional(),
  sig: z.string().max(100).optional(),
  share: z.string().max(64).optional().describe("Set on a share-link viewer's URLs: the link id"),
});

/**
 * At the root (not /api): the bytes, behind a signed URL checked on every request, with Range
 * (206), ETag/If-Range/If-None-Match; on object storage a 302 to a presigned GET. HEAD too.
 */
export function mediaBytesRoutes(app: App, services: Services): void {
  // GET and HEAD declared together: Fastify's automatic HEAD route would zero Content-Length.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/media/:id/:variant',
    schema: {
      tags,
      summary: 'The bytes of a rendition (signed URL from /api/media/:id/playback; Range supported)',
      params: VariantParams,
      querystring: SignedQuery,
    },
    handler: async (request, reply) => {
      const shareLinkId = request.query.share;
      // A link viewer has no account: the link must still be live (and unlocked) on every request.
      if (shareLinkId)
        await services.shareViewer.authorizeBytes(
          shareLinkId,
          request.params.id,
          request.cookies[shareCookieName(shareLinkId)],
        );
      const actor = shareLinkId ? null : await resolveActor(request, services);
      const { answer, maxAgeS, contentType } = await services.playback.openVariant(actor, {
        mediaId: request.params.id,
        variant: request.params.variant,
        exp: Number(request.query.exp ?? Number.NaN),
        sig: request.query.sig,
        shareLinkId,
      });
      const cacheControl = `private, max-age=${maxAgeS}`;
      if ('redirect' in answer)
        return reply.header('cache-control', cacheControl).redirect(answer.redirect, 302);
      if ('accel' in answer)
        return reply
          .header('cache-control', cacheControl)
          .header('content-type', contentType)
          .header('x-accel-redirect', answer.accel)
          .send();
      return sendFile(request, reply, answer.file, cacheControl);
    },
  });
}
