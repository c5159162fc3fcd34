import type { DeliveryPreferences } from '@tidings/contracts';
import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../../adapters/db/insert-rows';
import type { Database, NotificationRow, NotificationsTable } from '../../db/schema';
import { defaultPreferences } from './schedule';

export interface PersonPreferences {
  userId: string;
  name: string;
  email: string;
  preferences: DeliveryPreferences;
  isDefault: boolean;
}

/** SQLite caps bound parameters; chunk big `in (…)` lists and multi-row inserts. */
const CHUNK = 500;
const chunks = <T>(items: T[], size = CHUNK): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function deliveryRepository(db: Kysely<Database>) {
  return {
    /** Preferences of these people; the defaults in their own zone for those who never chose. */
    async preferencesOf(userIds: string[]): Promise<Map<string, PersonPreferences>> {
      const out = new Map<string, PersonPreferences>();
      // People with the same stored settings share one parsed object (and so one compiled schedule).
      const parsed = new Map<string, DeliveryPreferences>();
      for (const ids of chunks([...new Set(userIds)])) {
        if (ids.length === 0) continue;
        const rows = await db
          .selectFrom('users')
          .leftJoin('delivery_preferences as p', 'p.user_id', 'users.id')
          .select([
            'users.id',
            'users.name',
            'users.email',
            'users.time_zone',
            'p.working_hours',
            'p.time_off',
            'p.focus_blocks',
            'p.channels',
            'p.digest_times',
          ])
          .where('users.id', 'in', ids)
          .execute();
        for (const r of rows) {
          const key = [
            r.time_zone,
            r.working_hours,
            r.time_off,
            r.focus_blocks,
            r.channels,
            r.digest_times,
          ].join('|');
          let preferences = parsed.get(key);
          if (!preferences) {
            const base = defaultPreferences(r.time_zone);
            preferences =
              r.working_hours === null
                ? base
                : {
                    timeZone: r.time_zone,
                    workingHours: JSON.parse(r.working_hours),
                    timeOff: JSON.parse(r.time_off ?? '[]'),
                    focusBlocks: JSON.parse(r.focus_blocks ?? '[]'),
                    channels: JSON.parse(r.channels ?? 'null') ?? base.channels,
                    digestTimes: JSON.parse(r.digest_times ?? '[]'),
                  };
            parsed.set(key, preferences);
          }
          out.set(r.id, {
            userId: r.id,
            name: r.name,
            email: r.email,
            preferences,
            isDefault: r.working_hours === null,
          });
        }
      }
      return out;
    },

    /** Saves the preferences; the zone goes to users.time_zone, its one home. */
    async savePreferences(userId: string, p: DeliveryPreferences, now: number): Promise<void> {
      const values = {
        working_hours: JSON.stringify(p.workingHours),
        time_off: JSON.stringify(p.timeOff),
        focus_blocks: JSON.stringify(p.focusBlocks),
        channels: JSON.stringify(p.channels),
        digest_times: JSON.stringify(p.digestTimes),
        updated_at: now,
      };
      await db
        .insertInto('delivery_preferences')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
      await db
        .updateTable('users')
        .set({ time_zone: p.timeZone, updated_at: now })
        .where('id', '=', userId)
        .execute();
    },

    /** Records decisions; a decision already taken (same person, post, reason, channel) stays. */
    async insertNotifications(rows: Insertable<NotificationsTable>[]): Promise<void> {
      for (const part of chunks(rows, 400)) {
        if (part.length === 0) continue;
        await insertRows(db, 'notifications', part, (rows) =>
          db
            .insertInto('notifications')
            .values(rows)
            .onConflict((oc) => oc.columns(['user_id', 'post_id', 'reason', 'channel']).doNothing()),
        );
      }
    },

    find: (id: string) => db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst(),

    listForUser: (userId: string, limit: number) =>
      db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('deliver_at', 'desc')
        .limit(limit)
        .execute(),

    /** Everything due and not yet handed to a sender job. */
    duePending: (now: number, limit: number) =>
      db
        .selectFrom('notifications')
        .select(['id', 'user_id', 'channel'])
        .where('status', '=', 'pending')
        .where('deliver_at', '<=', now)
        .orderBy('deliver_at')
        .limit(limit)
        .execute(),

    /** One person's digest rows that are due. */
    dueDigestRows: (userId: string, now: number): Promise<NotificationRow[]> =>
      db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .where('channel', '=', 'digest')
        .where('status', 'in', ['pending', 'queued', 'failed'])
        .where('deliver_at', '<=', now)
        .orderBy('deliver_at')
        .execute(),

    async markDelivered(ids: string[], now: number): Promise<void> {
      for (const part of chunks(ids)) {
        await db
          .updateTable('notifications')
          .set((eb) => ({
            status: 'delivered',
            delivered_at: now,
            error: null,
            attempts: eb(eb.ref('attempts'), '+', 1),
          }))
          .where('id', 'in', part)
          .where('delivered_at', 'is', null)
          .execute();
      }
    },

    async markSkipped(ids: string[], why: string): Promise<void> {
      for (const part of chunks(ids)) {
        await db
          .updateTable('notifications')
          .set({ status: 'skipped', error: why })
          .where('id', 'in', part)
          .where('delivered_at', 'is', null)
          .execute();
      }
    },

    /** A failed attempt stays visible: status, the reason and how many attempts so far. */
    async markFailed(ids: string[], error: string): Promise<void> {
      for (const part of chunks(ids)) {
        await db
          .updateTable('notifications')
          .set((eb) => ({ status: 'failed', error, attempts: eb(eb.ref('attempts'), '+', 1) }))
          .where('id', 'in', part)
          .where('delivered_at', 'is', null)
          .execute();
      }
    },

    async markQueued(ids: string[]): Promise<void> {
      for (const part of chunks(ids)) {
        await db
          .updateTable('notifications')
          .set({ status: 'queued' })
          .where('id', 'in', part)
          .where('status', '=', 'pending')
          .execute();
      }
    },

    /** The posts, threads and authors that emails about these posts show. */
    itemsOf: (postIds: string[]) =>
      db
        .selectFrom('posts')
        .innerJoin('threads', 'threads.id', 'posts.thread_id')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select([
          'posts.id',
          'posts.thread_id',
          'posts.body_text',
          'posts.expectation',
          'posts.due_at',
          'posts.deleted_at',
          'threads.subject',
          'users.name as author_name',
        ])
        .where('posts.id', 'in', postIds)
        .execute(),

    /** Posts among these that still ask this person something. */
    async openAsks(userId: string, postIds: string[]): Promise<Set<string>> {
      const rows = await db
        .selectFrom('post_asks')
        .select('post_id')
        .where('user_id', '=', userId)
        .where('answered_at', 'is', null)
        .where('post_id', 'in', postIds)
        .execute();
      return new Set(rows.map((r) => r.post_id));
    },

    /** Posts among `postIds` this person has already seen in the app. */
    async seenPosts(userId: string, postIds: string[]): Promise<Set<string>> {
      const seen = new Set<string>();
      for (const part of chunks(postIds)) {
        const rows = await db
          .selectFrom('post_receipts')
          .select('post_id')
          .where('user_id', '=', userId)
          .where('post_id', 'in', part)
          .execute();
        for (const r of rows) seen.add(r.post_id);
      }
      return seen;
    },

    /** The asks of a post: who, and whether they answered. */
    asksOf: (postId: string) =>
      db.selectFrom('post_asks').select(['user_id', 'answered_at']).where('post_id', '=', postId).execute(),
  };
}
export type DeliveryRepository = ReturnType<typeof deliveryRepository>;

/** Members of these spaces (for previews addressed to a space). */
export async function spaceMemberIds(db: Kysely<Database>, spaceIds: string[]): Promise<string[]> {
  if (spaceIds.length === 0) return [];
  const rows = await db
    .selectFrom('space_members')
    .select('user_id')
    .where('space_id', 'in', spaceIds)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}
