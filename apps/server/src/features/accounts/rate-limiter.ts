import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Fixed-window counters kept in the database, so every API process sees the same counts.
 * Used for failed sign-ins per IP and per account, share-link unlocks, and inbound SMTP
 * (failed recipients per client, messages per reply address).
 */
export function rateLimiter(db: Kysely<Database>, windowMs: number) {
  const windowOf = (now: number) => now - (now % windowMs);
  return {
    /** How many hits `key` has in the current window. */
    async count(key: string, now: number): Promise<number> {
      const row = await db
        .selectFrom('rate_limit_hits')
        .select('count')
        .where('key', '=', key)
        .where('window_start', '=', windowOf(now))
        .executeTakeFirst();
      return row?.count ?? 0;
    },
    /** Counts one hit; resolves with the window's count including it (atomic across processes). */
    async hit(key: string, now: number): Promise<number> {
      const row = await db
        .insertInto('rate_limit_hits')
        .values({ key, window_start: windowOf(now), count: 1 })
        .onConflict((oc) =>
          oc
            .columns(['key', 'window_start'])
            .doUpdateSet((eb) => ({ count: eb(eb.ref('rate_limit_hits.count'), '+', 1) })),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    /** Milliseconds until the current window ends, for Retry-After. */
    retryAfterMs: (now: number) => windowOf(now) + windowMs - now,
    async pruneBefore(now: number): Promise<void> {
      await db.deleteFrom('rate_limit_hits').where('window_start', '<', windowOf(now)).execute();
    },
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
