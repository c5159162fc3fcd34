import type { Person } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../../db/schema';

export type PersonRow = Pick<UserRow, 'id' | 'name' | 'avatar_key' | 'updated_at'>;

/** A person as the API shows them beside posts and in lists: no email, no role. */
export const presentPerson = (row: PersonRow): Person => ({
  id: row.id,
  name: row.name,
  avatarUrl: row.avatar_key ? `/api/users/${row.id}/avatar?v=${row.updated_at}` : null,
});

/** The people with these ids, as a map; unknown ids are simply absent. */
export async function findPeople(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, UserRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export const unknownPerson: PersonRow = { id: 'unknown', name: 'Someone', avatar_key: null, updated_at: 0 };
