import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Playback URLs: `/media/<mediaId>/<variant>?exp=<epochS>&sig=<mac>`, where the mac is an
 * HMAC-SHA256 over media id, variant, expiry and the viewer's user id. The user id is not in
 * the URL: the server takes it from the session on each request, so a leaked URL is useless to
 * anyone but the person it was made for, and only until it expires.
 */
export const MEDIA_VARIANTS = ['playable', 'poster', 'preview', 'original'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];
export const isMediaVariant = (value: string): value is MediaVariant =>
  (MEDIA_VARIANTS as readonly string[]).includes(value);

export const MEDIA_URL_PREFIX = '/media';
export const SIGNING_PURPOSE = 'tidings/media-urls/v1';

export interface UrlClaims {
  mediaId: string;
  variant: MediaVariant;
  userId: string;
  /** Expiry in epoch seconds. */
  exp: number;
}

function mac(key: Buffer, c: UrlClaims): string {
  return createHmac('sha256', key)
    .update(`media\n${c.mediaId}\n${c.variant}\n${c.exp}\n${c.userId}`)
    .digest('base64url');
}

export function signedMediaPath(key: Buffer, claims: UrlClaims): string {
  const id = encodeURIComponent(claims.mediaId);
  return `${MEDIA_URL_PREFIX}/${id}/${claims.variant}?exp=${claims.exp}&sig=${mac(key, claims)}`;
}

export type Verdict = 'ok' | 'bad_signature' | 'expired';

/** Checks the signature first (so an attacker learns nothing from expiry), then the expiry. */
export function verifyMediaSignature(
  key: Buffer,
  claims: UrlClaims,
  sig: string | undefined,
  nowMs: number,
): Verdict {
  if (!sig || !Number.isSafeInteger(claims.exp)) return 'bad_signature';
  const expected = Buffer.from(mac(key, claims));
  const actual = Buffer.from(sig);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return 'bad_signature';
  return claims.exp * 1000 > nowMs ? 'ok' : 'expired';
}
