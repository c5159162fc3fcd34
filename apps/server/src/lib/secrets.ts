import { createHmac, randomBytes } from 'node:crypto';
import type { AppContext } from '../context';
import { emailRepository } from '../features/email/email.repository';

/**
 * The one source of HMAC keys for signed links (email unsubscribe, media playback URLs): a key
 * derived per purpose from SECRET_KEY, or from a random secret the first process generates and
 * stores in `app_secrets` (so every node of an installation agrees on it).
 */
const SECRET_NAME = 'link-signing-key';
const keys = new WeakMap<AppContext, Map<string, Promise<Buffer>>>();

export function purposeKey(ctx: AppContext, purpose: string): Promise<Buffer> {
  let byPurpose = keys.get(ctx);
  if (!byPurpose) {
    byPurpose = new Map();
    keys.set(ctx, byPurpose);
  }
  let key = byPurpose.get(purpose);
  if (!key) {
    key = loadKey(ctx, purpose);
    // A failed read (database down) must not be cached forever.
    key.catch(() => byPurpose.delete(purpose));
    byPurpose.set(purpose, key);
  }
  return key;
}

async function loadKey(ctx: AppContext, purpose: string): Promise<Buffer> {
  const base =
    ctx.config.secretKey ??
    (await emailRepository(ctx.db).ensureSecret(
      SECRET_NAME,
      randomBytes(32).toString('base64url'),
      ctx.now(),
    ));
  // A purpose-bound key, so one SECRET_KEY signs several kinds of links without overlap.
  return createHmac('sha256', base).update(purpose).digest();
}
