import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One cookie per link a browser opened (`tidings_share_<linkId>`): an HMAC-signed record of what
 * this viewer has proved and done there, so reloads keep working without any server session.
 */
export interface ShareViewerState {
  /** The link it belongs to (a cookie copied to another link's name is refused). */
  linkId: string;
  /** When the cookie stops counting (epoch ms). */
  expiresAt: number;
  /** The password was typed correctly. */
  unlocked: boolean;
  /** A random id for this browser: its views are one viewer. */
  viewerId: string;
  /** The 'external' user this viewer comments as, once they commented. */
  commenterId: string | null;
  /** When this viewer's last page open was counted, to count one view per half hour. */
  countedAt: number | null;
}

export const SHARE_COOKIE_PREFIX = 'tidings_share_';
export const SHARE_COOKIE_PURPOSE = 'tidings/share-viewer/v1';
/** How long an unlock and a viewer's identity last (capped by the link's own expiry). */
export const SHARE_COOKIE_TTL_MS = 7 * 24 * 3600_000;

export const shareCookieName = (linkId: string) => `${SHARE_COOKIE_PREFIX}${linkId}`;

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function sealShareCookie(key: Buffer, state: ShareViewerState): string {
  const payload = Buffer.from(
    JSON.stringify([
      state.linkId,
      state.expiresAt,
      state.unlocked ? 1 : 0,
      state.viewerId,
      state.commenterId,
      state.countedAt,
    ]),
  ).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/** The state in a cookie value, or null when it is missing, forged, for another link or expired. */
export function openShareCookie(
  key: Buffer,
  value: string | undefined,
  linkId: string,
  now: number,
): ShareViewerState | null {
  if (!value) return null;
  const [payload, sig] = value.split('.');
  if (!payload || !sig) return null;
  const expected = Buffer.from(mac(key, payload));
  const actual = Buffer.from(sig);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    const [id, expiresAt, unlocked, viewerId, commenterId, countedAt] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as [string, number, number, string, string | null, number | null];
    if (id !== linkId || typeof expiresAt !== 'number' || expiresAt <= now) return null;
    return { linkId: id, expiresAt, unlocked: unlocked === 1, viewerId, commenterId, countedAt };
  } catch {
    return null;
  }
}
