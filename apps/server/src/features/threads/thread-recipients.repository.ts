import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Who and which spaces a thread is addressed to directly, and adding to them. */
export function threadRecipientsRepository(db: Kysely<Database>) {
  return {
    async peopleIds(threadId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('thread_people')
        .select('user_id')
        .where('thread_id', '=', threadId)
        .execute();
      return new Set(rows.map((r) => r.user_id));
    },
    async spaceIds(threadId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('thread_spaces')
        .select('space_id')
        .where('thread_id', '=', threadId)
        .execute();
      return new Set(rows.map((r) => r.space_id));
    },
    addPeople: async (threadId: string, userIds: string[]): Promise<void> => {
      if (userIds.length === 0) return;
      await db
        .insertInto('thread_people')
        .values(userIds.map((user_id) => ({ thread_id: threadId, user_id })))
        // Two people adding the same person at once: one row, no error.
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    addSpaces: async (threadId: string, spaceIds: string[]): Promise<void> => {
      if (spaceIds.length === 0) return;
      await db
        .insertInto('thread_spaces')
        .values(spaceIds.map((space_id) => ({ thread_id: threadId, space_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    /** The newest live post, which new people's inbox rows point at. */
    latestPost: (threadId: string) =>
      db
        .selectFrom('posts')
        .select(['id', 'created_at', 'author_id', 'expectation', 'due_at'])
        .where('thread_id', '=', threadId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
  };
}
