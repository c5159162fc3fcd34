import type { Kysely } from 'kysely';
import type { Database, InviteRow } from '../../db/schema';

export type InviteWithInviter = InviteRow & { inviter_name: string };

export function invitesRepository(db: Kysely<Database>) {
  const withInviter = () =>
    db
      .selectFrom('invites')
      .innerJoin('users', 'users.id', 'invites.created_by')
      .selectAll('invites')
      .select('users.name as inviter_name');
  return {
    insert: async (row: InviteRow): Promise<void> => {
      await db.insertInto('invites').values(row).execute();
    },
    findById: (id: string): Promise<InviteWithInviter | undefined> =>
      withInviter().where('invites.id', '=', id).executeTakeFirst(),
    findByTokenHash: (hash: string): Promise<InviteWithInviter | undefined> =>
      withInviter().where('invites.token_hash', '=', hash).executeTakeFirst(),
    /** Invites still waiting to be used, newest first. */
    listPending: (now: number): Promise<InviteWithInviter[]> =>
      withInviter()
        .where('invites.accepted_at', 'is', null)
        .where('invites.revoked_at', 'is', null)
        .where('invites.expires_at', '>', now)
        .orderBy('invites.created_at', 'desc')
        .execute(),
    /** Marks an invite used; false when someone else used it first. */
    markAccepted: async (id: string, userId: string, now: number): Promise<boolean> => {
      const result = await db
        .updateTable('invites')
        .set({ accepted_at: now, accepted_by: userId })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    revoke: async (id: string, now: number): Promise<boolean> => {
      const result = await db
        .updateTable('invites')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
