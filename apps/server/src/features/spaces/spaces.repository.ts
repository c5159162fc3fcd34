import type { Kysely } from 'kysely';
import type { Database, SpaceRow } from '../../db/schema';
import type { PersonRow } from '../threads/people';
import { canSeeSpace, type Viewer } from '../threads/thread-access';

export type SpaceWithCounts = SpaceRow & { member_count: number; is_member: number };

export function spacesRepository(db: Kysely<Database>) {
  const visible = (viewer: Viewer) =>
    db
      .selectFrom('spaces')
      .selectAll('spaces')
      .select((eb) => [
        eb
          .selectFrom('space_members')
          .select((s) => s.fn.countAll<number>().as('n'))
          .whereRef('space_members.space_id', '=', 'spaces.id')
          .as('member_count'),
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('space_members')
                .select('space_members.user_id')
                .whereRef('space_members.space_id', '=', 'spaces.id')
                .where('space_members.user_id', '=', viewer.id),
            ),
          )
          .then(1)
          .else(0)
          .end()
          .as('is_member'),
      ])
      .where((eb) => canSeeSpace(eb, viewer));

  return {
    insert: async (row: SpaceRow): Promise<void> => {
      await db.insertInto('spaces').values(row).execute();
    },
    /** Spaces the viewer may see, by name. */
    listVisible: async (viewer: Viewer): Promise<SpaceWithCounts[]> =>
      (await visible(viewer).orderBy('spaces.name').execute()).map(normalize),
    findVisible: async (viewer: Viewer, id: string): Promise<SpaceWithCounts | undefined> => {
      const row = await visible(viewer).where('spaces.id', '=', id).executeTakeFirst();
      return row && normalize(row);
    },
    /** The spaces among `ids` that the viewer may see. */
    visibleAmong: async (viewer: Viewer, ids: string[]): Promise<SpaceRow[]> =>
      ids.length === 0
        ? []
        : db
            .selectFrom('spaces')
            .selectAll()
            .where('id', 'in', ids)
            .where((eb) => canSeeSpace(eb, viewer))
            .execute(),
    update: async (id: string, patch: Partial<Pick<SpaceRow, 'name' | 'description' | 'archived_at'>>) => {
      if (Object.keys(patch).length > 0)
        await db.updateTable('spaces').set(patch).where('id', '=', id).execute();
    },
    addMembers: async (spaceId: string, userIds: string[], now: number): Promise<void> => {
      if (userIds.length === 0) return;
      await db
        .insertInto('space_members')
        .values(userIds.map((user_id) => ({ space_id: spaceId, user_id, added_at: now })))
        .onConflict((oc) => oc.columns(['space_id', 'user_id']).doNothing())
        .execute();
    },
    removeMember: async (spaceId: string, userId: string): Promise<boolean> => {
      const result = await db
        .deleteFrom('space_members')
        .where('space_id', '=', spaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    isMember: async (spaceId: string, userId: string): Promise<boolean> =>
      (await db
        .selectFrom('space_members')
        .select('user_id')
        .where('space_id', '=', spaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst()) !== undefined,
    members: (spaceId: string): Promise<PersonRow[]> =>
      db
        .selectFrom('space_members')
        .innerJoin('users', 'users.id', 'space_members.user_id')
        .select(['users.id', 'users.name', 'users.avatar_key', 'users.updated_at'])
        .where('space_members.space_id', '=', spaceId)
        .orderBy('users.name')
        .execute(),
  };
}

// Counts come back as strings from PostgreSQL's count(*).
function normalize<T extends { member_count: unknown; is_member: unknown }>(row: T) {
  return { ...row, member_count: Number(row.member_count), is_member: Number(row.is_member) } as T & {
    member_count: number;
    is_member: number;
  };
}
