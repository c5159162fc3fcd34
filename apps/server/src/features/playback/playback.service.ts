import type { PlaybackUrls } from '@tidings/contracts';
import type { AppContext } from '../../context';
import { AppError, notFound, unauthenticated } from '../../lib/errors';
import { purposeKey } from '../../lib/secrets';
import type { Actor } from '../accounts/actor';
import { mediaRepository } from '../media/media.repository';
import { type BlobAnswer, contentTypeOf, openBlob } from './blob-source';
import { playbackRepository } from './playback.repository';
import { type MediaVariant, SIGNING_PURPOSE, signedMediaPath, verifyMediaSignature } from './signing';

/** What playback needs to know about a recording (read from the media table by its owner feature). */
export interface PlaybackMedia {
  id: string;
  ownerId: string;
  postId: string | null;
  status: 'uploading' | 'processing' | 'ready' | 'failed';
  /** Of the playable rendition (the original's when it plays as uploaded). */
  mimeType: string;
  /** As uploaded: the original is served with this, not the rendition's type. */
  originalMimeType: string;
  /** Blob keys per variant; null where that rendition does not exist (yet). */
  keys: Record<MediaVariant, string | null>;
}
/** The media, or null when it does not exist or was deleted. */
export type FindMedia = (mediaId: string) => Promise<PlaybackMedia | null>;

/** URLs live 10–15 minutes: expiry is rounded up to 5 minutes so repeated asks give the same URL
 * (the browser's cache and the player's src stay valid). */
export const URL_TTL_MS = 10 * 60_000;
const EXPIRY_STEP_MS = 5 * 60_000;

export function playbackService(ctx: AppContext, findMedia: FindMedia) {
  const repo = playbackRepository(ctx.db);
  const posts = mediaRepository(ctx.db);
  const key = () => purposeKey(ctx, SIGNING_PURPOSE);

  /** Owner, or anyone who may see the thread of its (not deleted) post; 404 for everyone else. */
  async function visibleMedia(actor: Actor, mediaId: string): Promise<PlaybackMedia> {
    const media = await findMedia(mediaId);
    const visible =
      media !== null &&
      (media.ownerId === actor.user.id ||
        (media.postId !== null && (await posts.canSeePost(actor.user, media.postId))));
    if (!media || !visible) throw notFound('That recording');
    return media;
  }

  /** Signed URLs of every rendition that exists, for `userId` (who must be allowed to see it). */
  async function signedUrls(userId: string, media: PlaybackMedia) {
    const expiresAt = Math.ceil((ctx.now() + URL_TTL_MS) / EXPIRY_STEP_MS) * EXPIRY_STEP_MS;
    const signingKey = await key();
    const url = (variant: MediaVariant) =>
      media.keys[variant] === null
        ? null
        : signedMediaPath(signingKey, { mediaId: media.id, variant, userId, exp: expiresAt / 1000 });
    return {
      playbackUrl: url('playable'),
      posterUrl: url('poster'),
      previewUrl: url('preview'),
      originalUrl: url('original'),
      expiresAt,
    };
  }

  return {
    signedUrls,

    async describePlayback(actor: Actor, mediaId: string): Promise<PlaybackUrls> {
      const media = await visibleMedia(actor, mediaId);
      const positionMs = await repo.position(media.id, actor.user.id);
      return { ...(await signedUrls(actor.user.id, media)), positionMs };
    },

    /**
     * Checked on every request for media bytes: a session (the URL is bound to its person), the
     * signature, the expiry, and that the media and this rendition still exist.
     */
    async openVariant(
      actor: Actor | null,
      request: {
        mediaId: string;
        variant: MediaVariant;
        exp: number;
        sig: string | undefined;
        /** A share-link viewer's URL: signed for the link (checked by the caller), not a person. */
        shareLinkId?: string | undefined;
      },
    ): Promise<{ answer: BlobAnswer; maxAgeS: number; blobKey: string; contentType: string }> {
      const userId = request.shareLinkId ? `share:${request.shareLinkId}` : actor?.user.id;
      if (!userId) throw unauthenticated();
      const claims = { ...request, userId };
      const verdict = verifyMediaSignature(await key(), claims, request.sig, ctx.now());
      if (verdict === 'bad_signature')
        throw new AppError(403, 'media_link_invalid', 'This media link is not valid. Reload the page.');
      if (verdict === 'expired')
        throw new AppError(403, 'media_link_expired', 'This media link has expired. Reload the page.');
      const media = await findMedia(request.mediaId);
      if (!media) throw notFound('That recording');
      const blobKey = media.keys[request.variant];
      if (blobKey === null) {
        if (media.status === 'uploading' || media.status === 'processing')
          throw new AppError(
            404,
            'media_not_ready',
            media.status === 'uploading'
              ? 'This recording is still uploading; try again in a moment.'
              : 'This recording is still being processed; try again in a moment.',
          );
        throw notFound('That rendition');
      }
      const maxAgeS = Math.max(0, Math.floor((request.exp * 1000 - ctx.now()) / 1000));
      // Renditions we made have an extension; the original has the type it was uploaded with.
      const contentType =
        request.variant === 'playable'
          ? media.mimeType
          : request.variant === 'original'
            ? media.originalMimeType
            : contentTypeOf(blobKey, 'application/octet-stream');
      const answer = await openBlob(
        ctx.blobs,
        blobKey,
        contentType,
        Math.max(1, maxAgeS),
        ctx.config.mediaAccelRedirect,
      );
      if (!answer) throw notFound('That rendition');
      return { answer, maxAgeS, blobKey, contentType };
    },

    async positionFor(userId: string, mediaId: string): Promise<number | null> {
      return repo.position(mediaId, userId);
    },

    async savePosition(actor: Actor, mediaId: string, positionMs: number): Promise<void> {
      const media = await visibleMedia(actor, mediaId);
      await repo.savePosition(media.id, actor.user.id, positionMs, ctx.now());
    },
  };
}
export type PlaybackService = ReturnType<typeof playbackService>;
