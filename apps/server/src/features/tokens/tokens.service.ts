import type { ApiToken, CreatedToken } from '@tidings/contracts';
import type { AppContext } from '../../context';
import type { ApiTokenRow } from '../../db/schema';
import { notFound } from '../../lib/errors';
import { hashSecret, newId, newSecret } from '../../lib/ids';
import type { Actor } from '../accounts/actor';
import { usersRepository } from '../accounts/users.repository';
import { tokensRepository } from './tokens.repository';

/** Personal API tokens start with this, so leaked ones are easy to recognise and scan for. */
export const TOKEN_PREFIX = 'tid_';
/** last_used_at is a hint, not an audit log: write it at most once a minute per token. */
const TOUCH_INTERVAL_MS = 60_000;

const present = (row: ApiTokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

export function tokensService(ctx: AppContext) {
  const tokens = tokensRepository(ctx.db);
  const users = usersRepository(ctx.db);
  return {
    async createApiToken(actor: Actor, name: string): Promise<CreatedToken> {
      const secret = newSecret(TOKEN_PREFIX);
      const row: ApiTokenRow = {
        id: newId(),
        user_id: actor.user.id,
        name,
        token_hash: hashSecret(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        created_at: ctx.now(),
        last_used_at: null,
        revoked_at: null,
      };
      await tokens.insert(row);
      return { token: present(row), secret };
    },

    async listApiTokens(actor: Actor): Promise<ApiToken[]> {
      return (await tokens.listActiveForUser(actor.user.id)).map(present);
    },

    async revokeApiToken(actor: Actor, id: string): Promise<void> {
      if (!(await tokens.revoke(id, actor.user.id, ctx.now()))) throw notFound('That token');
    },

    async authenticateToken(secret: string): Promise<Actor | null> {
      if (!secret.startsWith(TOKEN_PREFIX)) return null;
      const row = await tokens.findActiveByHash(hashSecret(secret));
      if (!row) return null;
      const user = await users.findById(row.user_id);
      if (!user) return null;
      const now = ctx.now();
      if (row.last_used_at === null || now - row.last_used_at > TOUCH_INTERVAL_MS)
        await tokens.touch(row.id, now);
      return { user, via: 'token' };
    },
  };
}
export type TokensService = ReturnType<typeof tokensService>;
