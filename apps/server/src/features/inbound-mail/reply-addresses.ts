import type { AppContext } from '../../context';
import { hashSecret, newSecret } from '../../lib/ids';

/**
 * Reply-by-email addresses: `reply+<token>@<REPLY_DOMAIN>`, one minted per outgoing email and
 * bound to one person and one thread. Only the token's SHA-256 is stored; 256 random bits make
 * a forged address hopeless.
 */
export async function mintReplyAddress(ctx: AppContext, userId: string, threadId: string): Promise<string> {
  const token = newSecret();
  await ctx.db
    .insertInto('reply_addresses')
    .values({
      token_hash: hashSecret(token),
      user_id: userId,
      thread_id: threadId,
      created_at: ctx.now(),
      last_used_at: null,
    })
    .execute();
  return `reply+${token}@${ctx.config.inboundMail.replyDomain}`;
}

/** The token of a reply address (case kept: base64url is case-sensitive), or null. */
export function replyTokenOf(address: string): string | null {
  const match = /^reply\+([A-Za-z0-9_-]{43})@/.exec(address.trim());
  return match?.[1] ?? null;
}

/** Who and which thread a reply address stands for, or undefined for an unknown token. */
export async function findReplyAddress(ctx: AppContext, token: string) {
  return ctx.db
    .selectFrom('reply_addresses')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
}
