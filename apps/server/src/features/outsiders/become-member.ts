import type { Kysely } from 'kysely';
import type { Database, UserRole, UserRow } from '../../db/schema';

export interface MemberDetails {
  name: string;
  passwordHash: string;
  role: UserRole;
  timeZone: string;
}

/**
 * Turns an outsider into a person of the workspace, inside the caller's transaction: same user
 * row (so their posts, the threads addressed to them and their receipts stay theirs), with the
 * invite's role, their chosen name, password and time zone. Their private links are revoked and
 * their link sessions ended: from now on they sign in like everyone else.
 */
export async function outsiderBecomesMember(
  db: Kysely<Database>,
  outsider: UserRow,
  details: MemberDetails,
  now: number,
): Promise<UserRow> {
  await db
    .updateTable('external_links')
    .set({ revoked_at: now })
    .where('user_id', '=', outsider.id)
    .where('revoked_at', 'is', null)
    .execute();
  await db.deleteFrom('sessions').where('user_id', '=', outsider.id).execute();
  return db
    .updateTable('users')
    .set({
      name: details.name,
      password_hash: details.passwordHash,
      role: details.role,
      time_zone: details.timeZone,
      updated_at: now,
    })
    .where('id', '=', outsider.id)
    .where('role', '=', 'external')
    .returningAll()
    .executeTakeFirstOrThrow();
}
