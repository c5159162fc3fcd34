import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export function emailRepository(db: Kysely<Database>) {
  return {
    async secret(name: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('app_secrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst();
      return row?.value;
    },

    /** Stores `value` unless another process stored one first; either way returns the one kept. */
    async ensureSecret(name: string, value: string, now: number): Promise<string> {
      await db
        .insertInto('app_secrets')
        .values({ name, value, created_at: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const kept = await this.secret(name);
      if (kept === undefined) throw new Error(`Secret ${name} vanished right after it was stored`);
      return kept;
    },

    async userById(userId: string) {
      return db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'time_zone'])
        .where('id', '=', userId)
        .executeTakeFirst();
    },
  };
}
