import type { Kysely } from 'kysely';
import type { Database, ExternalLinkRow, UserRow } from '../../db/schema';

const DAY_MS = 24 * 3600 * 1000;

/** When a link was last in use: its last redeem or session use, else when it was minted. */
const lastActivity = (link: Pick<ExternalLinkRow, 'created_at' | 'last_used_at'>) =>
  Math.max(link.created_at, link.last_used_at ?? 0);

export function outsidersRepository(db: Kysely<Database>) {
  return {
    async idleDays(): Promise<number> {
      const row = await db.selectFrom('workspaces').select('external_link_idle_days').executeTakeFirst();
      return Number(row?.external_link_idle_days ?? 30);
    },

    findUserByEmail: (email: string): Promise<UserRow | undefined> =>
      db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),

    insertUser: async (user: UserRow): Promise<void> => {
      await db.insertInto('users').values(user).execute();
    },

    /** The external users among `ids`. */
    async externalAmong(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', [...new Set(ids)])
        .where('role', '=', 'external')
        .execute();
      return new Set(rows.map((r) => r.id));
    },

    insertLink: async (link: ExternalLinkRow): Promise<void> => {
      await db.insertInto('external_links').values(link).execute();
    },

    findLinkByHash: (tokenHash: string): Promise<ExternalLinkRow | undefined> =>
      db.selectFrom('external_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

    /** A link works while it is not revoked and was used (or minted) within the idle window. */
    isLive(link: ExternalLinkRow, now: number, idleDays: number): boolean {
      return link.revoked_at === null && now - lastActivity(link) < idleDays * DAY_MS;
    },

    /** The person's links that still work, newest activity first. */
    async liveLinksOf(userId: string, now: number, idleDays: number): Promise<ExternalLinkRow[]> {
      const rows = await db
        .selectFrom('external_links')
        .selectAll()
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      return rows
        .filter((l) => now - lastActivity(l) < idleDays * DAY_MS)
        .sort((a, b) => lastActivity(b) - lastActivity(a));
    },

    touchLinks: async (ids: string[], now: number): Promise<void> => {
      if (ids.length === 0) return;
      await db.updateTable('external_links').set({ last_used_at: now }).where('id', 'in', ids).execute();
    },

    revokeLinks: async (userId: string, threadId: string, now: number): Promise<void> => {
      await db
        .updateTable('external_links')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('thread_id', '=', threadId)
        .where('revoked_at', 'is', null)
        .execute();
    },

    endSessions: async (userId: string): Promise<void> => {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },

    isAddressed: async (threadId: string, userId: string): Promise<boolean> =>
      (await db
        .selectFrom('thread_people')
        .select('user_id')
        .where('thread_id', '=', threadId)
        .where('user_id', '=', userId)
        .executeTakeFirst()) !== undefined,

    removeFromThread: async (threadId: string, userId: string): Promise<void> => {
      await db
        .deleteFrom('thread_people')
        .where('thread_id', '=', threadId)
        .where('user_id', '=', userId)
        .execute();
    },

    /** The outsiders a thread is addressed to, with who first brought them in and their latest use. */
    async ofThread(threadId: string) {
      const people = await db
        .selectFrom('thread_people')
        .innerJoin('users', 'users.id', 'thread_people.user_id')
        .select(['users.id', 'users.name', 'users.email', 'users.avatar_key', 'users.updated_at'])
        .where('thread_people.thread_id', '=', threadId)
        .where('users.role', '=', 'external')
        .orderBy('users.name')
        .execute();
      if (people.length === 0) return [];
      const links = await db
        .selectFrom('external_links')
        .select(['user_id', 'created_by', 'created_at', 'last_used_at'])
        .where('thread_id', '=', threadId)
        .where(
          'user_id',
          'in',
          people.map((p) => p.id),
        )
        .orderBy('created_at')
        .execute();
      return people.map((p) => {
        const mine = links.filter((l) => l.user_id === p.id);
        const used = mine.map((l) => l.last_used_at).filter((v): v is number => v !== null);
        return {
          ...p,
          invitedBy: mine[0]?.created_by ?? null,
          lastUsedAt: used.length > 0 ? Math.max(...used.map(Number)) : null,
        };
      });
    },

    /** Who first invited this outsider to each thread they still take part in. */
    async invitationsOf(userId: string) {
      const rows = await db
        .selectFrom('external_links')
        .innerJoin('thread_people', (j) =>
          j
            .onRef('thread_people.thread_id', '=', 'external_links.thread_id')
            .onRef('thread_people.user_id', '=', 'external_links.user_id'),
        )
        .select(['external_links.thread_id', 'external_links.created_by', 'external_links.created_at'])
        .where('external_links.user_id', '=', userId)
        .orderBy('external_links.created_at')
        .execute();
      const byThread = new Map<string, string>();
      for (const r of rows) if (!byThread.has(r.thread_id)) byThread.set(r.thread_id, r.created_by);
      return [...byThread].map(([threadId, invitedBy]) => ({ threadId, invitedBy }));
    },
  };
}
export type OutsidersRepository = ReturnType<typeof outsidersRepository>;
