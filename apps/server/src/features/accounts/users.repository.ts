import type { Kysely } from 'kysely';
import type { Database, NewUser, UserRow, UserUpdate } from '../../db/schema';

export function usersRepository(db: Kysely<Database>) {
  return {
    count: async (): Promise<number> => {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    findById: (id: string): Promise<UserRow | undefined> =>
      db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    findByEmail: (email: string): Promise<UserRow | undefined> =>
      db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),
    list: (): Promise<UserRow[]> =>
      db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute(),
    insert: async (user: NewUser): Promise<void> => {
      await db.insertInto('users').values(user).execute();
    },
    update: async (id: string, patch: UserUpdate): Promise<UserRow> =>
      db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;
