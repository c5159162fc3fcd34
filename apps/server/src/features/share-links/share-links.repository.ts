import type { Kysely } from 'kysely';
import type { Database, ShareLinkRow, ShareTargetKind } from '../../db/schema';

export type ShareLinkWithMaker = ShareLinkRow & { maker_name: string };

/** Kysely queries for share links; the token itself is never stored, only its SHA-256. */
export function shareLinksRepository(db: Kysely<Database>) {
  return {
    insert: async (row: ShareLinkRow): Promise<void> => {
      await db.insertInto('share_links').values(row).execute();
    },

    findByTokenHash: (tokenHash: string): Promise<ShareLinkRow | undefined> =>
      db.selectFrom('share_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

    find: (id: string): Promise<ShareLinkRow | undefined> =>
      db.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirst(),

    findWithMaker: (id: string): Promise<ShareLinkWithMaker | undefined> =>
      db
        .selectFrom('share_links')
        .innerJoin('users', 'users.id', 'share_links.created_by')
        .selectAll('share_links')
        .select('users.name as maker_name')
        .where('share_links.id', '=', id)
        .executeTakeFirst(),

    listForTarget: (kind: ShareTargetKind, targetId: string): Promise<ShareLinkWithMaker[]> =>
      db
        .selectFrom('share_links')
        .innerJoin('users', 'users.id', 'share_links.created_by')
        .selectAll('share_links')
        .select('users.name as maker_name')
        .where('share_links.target_kind', '=', kind)
        .where('share_links.target_id', '=', targetId)
        .orderBy('share_links.created_at', 'desc')
        .orderBy('share_links.id')
        .execute(),

    revoke: async (id: string, at: number): Promise<void> => {
      await db
        .updateTable('share_links')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },

    countView: async (id: string, at: number): Promise<void> => {
      await db
        .updateTable('share_links')
        .set((eb) => ({ view_count: eb(eb.ref('view_count'), '+', 1), last_viewed_at: at }))
        .where('id', '=', id)
        .execute();
    },

    /** An outsider who comments through a link: an 'external' user who can never sign in. */
    insertLinkViewer: async (user: { id: string; name: string; email: string; now: number }) => {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          name: user.name,
          password_hash: '',
          role: 'external',
          time_zone: 'UTC',
          avatar_key: null,
          created_at: user.now,
          updated_at: user.now,
          language: null,
        })
        .execute();
    },

    findUser: (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),

    renameUser: async (id: string, name: string, at: number) => {
      await db.updateTable('users').set({ name, updated_at: at }).where('id', '=', id).execute();
    },
  };
}
export type ShareLinksRepository = ReturnType<typeof shareLinksRepository>;
