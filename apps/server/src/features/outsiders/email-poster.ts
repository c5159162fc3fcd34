import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { App } from '../../http/types';
import { notFound } from '../../lib/errors';
import { purposeKey } from '../../lib/secrets';
import { contentTypeOf, openBlob } from '../playback/blob-source';
import { sendFile } from '../playback/serve-file';

/**
 * A recording's poster image for emails. Mail clients fetch images without our session (and
 * often through a proxy, long after the email arrived), so the URL itself is the permission: an
 * HMAC over media id and expiry, valid for 180 days. It serves only the still poster image —
 * never the recording — and only while the recording is in a post that is not deleted.
 * The URL carries nothing about the reader, so loading it tracks no one.
 */
export const EMAIL_POSTER_PATH = '/email-poster';
const PURPOSE = 'tidings/email-posters/v1';
const TTL_MS = 180 * 24 * 3600 * 1000;
/** Rounded so every email about one recording in a day shares a URL (and mail proxies' caches). */
const STEP_MS = 24 * 3600 * 1000;

const mac = (key: Buffer, mediaId: string, exp: number) =>
  createHmac('sha256', key).update(`email-poster\n${mediaId}\n${exp}`).digest('base64url');

/** The absolute, session-free URL of a recording's poster for an email. */
export async function emailPosterUrl(ctx: AppContext, mediaId: string): Promise<string> {
  const exp = Math.ceil((ctx.now() + TTL_MS) / STEP_MS) * (STEP_MS / 1000);
  const sig = mac(await purposeKey(ctx, PURPOSE), mediaId, exp);
  return `${ctx.config.publicUrl}${EMAIL_POSTER_PATH}/${encodeURIComponent(mediaId)}?exp=${exp}&sig=${sig}`;
}

async function verify(ctx: AppContext, mediaId: string, exp: number, sig: string | undefined) {
  if (!sig || !Number.isSafeInteger(exp)) return false;
  const expected = Buffer.from(mac(await purposeKey(ctx, PURPOSE), mediaId, exp));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) && exp * 1000 > ctx.now();
}

const Params = z.object({ id: z.string().min(1).max(64) });
const Query = z.object({ exp: z.string().max(20).optional(), sig: z.string().max(100).optional() });

export function emailPosterRoutes(app: App, ctx: AppContext): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: `${EMAIL_POSTER_PATH}/:id`,
    schema: { hide: true, params: Params, querystring: Query },
    handler: async (request, reply) => {
      const { id } = request.params;
      // One answer for a bad signature, an expired URL and a missing poster: nothing is revealed.
      if (!(await verify(ctx, id, Number(request.query.exp ?? Number.NaN), request.query.sig))) {
        throw notFound('That image');
      }
      const row = await ctx.db
        .selectFrom('media')
        .innerJoin('posts', 'posts.id', 'media.post_id')
        .select(['media.poster_key'])
        .where('media.id', '=', id)
        .where('posts.deleted_at', 'is', null)
        .executeTakeFirst();
      if (!row?.poster_key) throw notFound('That image');
      const maxAgeS = 24 * 3600;
      const answer = await openBlob(
        ctx.blobs,
        row.poster_key,
        contentTypeOf(row.poster_key, 'image/jpeg'),
        maxAgeS,
      );
      if (!answer) throw notFound('That image');
      const cacheControl = `public, max-age=${maxAgeS}`;
      if ('redirect' in answer)
        return reply.header('cache-control', cacheControl).redirect(answer.redirect, 302);
      // No accel prefix was passed, so the bytes are always ours to stream.
      if (!('file' in answer)) throw notFound('That image');
      return sendFile(request, reply, answer.file, cacheControl);
    },
  });
}
