import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context';
import { purposeKey } from '../../lib/secrets';
import {
  EMAIL_KINDS,
  type EmailKind,
  type EmailLinks,
  emailKindOf,
  type NotificationReason,
} from './email.types';

/**
 * Links in emails that work without signing in: the unsubscribe token is `<userId>.<kind>.<mac>`,
 * an HMAC-SHA256 over user and kind, keyed by lib/secrets.ts (SECRET_KEY or a stored random secret).
 */

/** Where people change their delivery preferences in the web app. */
export const PREFERENCES_PATH = '/settings/delivery';
export const UNSUBSCRIBE_PATH = '/api/email/unsubscribe';

const signingKey = (ctx: AppContext) => purposeKey(ctx, 'tidings/email-links/v1');

function mac(key: Buffer, userId: string, kind: EmailKind): string {
  return createHmac('sha256', key).update(`unsubscribe\n${userId}\n${kind}`).digest('base64url');
}

export async function unsubscribeToken(ctx: AppContext, userId: string, kind: EmailKind): Promise<string> {
  return `${userId}.${kind}.${mac(await signingKey(ctx), userId, kind)}`;
}

/** The user and kind a token names, or null when it was not signed by us (tampered, truncated). */
export async function verifyUnsubscribeToken(
  ctx: AppContext,
  token: string,
): Promise<{ userId: string; kind: EmailKind } | null> {
  const [userId, kind, given, ...rest] = token.split('.');
  if (!userId || !kind || !given || rest.length > 0) return null;
  if (!(EMAIL_KINDS as readonly string[]).includes(kind)) return null;
  const expected = Buffer.from(mac(await signingKey(ctx), userId, kind as EmailKind));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { userId, kind: kind as EmailKind };
}

/** The links every email to `userId` about `reason` carries (for the template inputs). */
export async function emailLinks(
  ctx: AppContext,
  userId: string,
  reason: NotificationReason | 'digest',
): Promise<EmailLinks> {
  const base = ctx.config.publicUrl;
  const token = await unsubscribeToken(ctx, userId, emailKindOf(reason));
  return {
    preferencesUrl: `${base}${PREFERENCES_PATH}`,
    unsubscribeUrl: `${base}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`,
  };
}
