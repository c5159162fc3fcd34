import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** One installation holds one workspace; its row is made at first-run setup. */
export function workspaceRepository(db: Kysely<Database>) {
  return {
    get: () => db.selectFrom('workspaces').selectAll().orderBy('created_at').executeTakeFirst(),
    insert: async (row: { id: string; name: string; created_at: number }) => {
      await db.insertInto('workspaces').values(row).execute();
    },
  };
}
