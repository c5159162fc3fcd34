import type { Kysely } from 'kysely';
import type { Database, ExpectationKind } from '../../db/schema';

/** The rows the attention report is computed from, for a time window and optionally some people. */
export interface AttentionRows {
  urgentSent: { user_id: string; at: number }[];
  urgentReceived: { user_id: string; at: number }[];
  delivered: { user_id: string; at: number; channel: string }[];
  asksDue: { user_id: string; due_at: number; answered_at: number | null }[];
  answers: { user_id: string; expectation: ExpectationKind; asked_at: number; answered_at: number }[];
}

export function attentionRepository(db: Kysely<Database>) {
  return {
    /**
     * Narrow rows inside [from, to): bounded by the report's weeks (at most 26). Bucketing into
     * each person's local ISO weeks happens in TypeScript, which both dialects then agree on.
     */
    async rows(from: number, to: number, userIds: string[] | null): Promise<AttentionRows> {
      const only = userIds ?? [];
      const [urgentSent, urgentReceived, delivered, asksDue, answers] = await Promise.all([
        db
          .selectFrom('posts')
          .select(['author_id as user_id', 'created_at as at'])
          .where('expectation', '=', 'urgent')
          .where('deleted_at', 'is', null)
          .where('created_at', '>=', from)
          .where('created_at', '<', to)
          .$if(userIds !== null, (q) => q.where('author_id', 'in', only))
          .execute(),
        db
          .selectFrom('post_asks')
          .innerJoin('posts', 'posts.id', 'post_asks.post_id')
          .select(['post_asks.user_id', 'posts.created_at as at'])
          .where('posts.expectation', '=', 'urgent')
          .where('posts.deleted_at', 'is', null)
          .where('posts.created_at', '>=', from)
          .where('posts.created_at', '<', to)
          .$if(userIds !== null, (q) => q.where('post_asks.user_id', 'in', only))
          .execute(),
        db
          .selectFrom('notifications')
          .select(['user_id', 'delivered_at', 'channel'])
          .where('status', '=', 'delivered')
          .where('delivered_at', '>=', from)
          .where('delivered_at', '<', to)
          .$if(userIds !== null, (q) => q.where('user_id', 'in', only))
          .execute(),
        db
          .selectFrom('post_asks')
          .innerJoin('posts', 'posts.id', 'post_asks.post_id')
          .select(['post_asks.user_id', 'posts.due_at', 'post_asks.answered_at'])
          .where('posts.expectation', 'in', ['reply_by', 'decision_by'])
          .where('posts.deleted_at', 'is', null)
          .where('posts.due_at', '>=', from)
          .where('posts.due_at', '<', to)
          .$if(userIds !== null, (q) => q.where('post_asks.user_id', 'in', only))
          .execute(),
        db
          .selectFrom('post_asks')
          .innerJoin('posts', 'posts.id', 'post_asks.post_id')
          .select([
            'post_asks.user_id',
            'posts.expectation',
            'posts.created_at as asked_at',
            'post_asks.answered_at',
          ])
          .where('posts.expectation', '!=', 'fyi')
          .where('posts.deleted_at', 'is', null)
          .where('post_asks.answered_at', '>=', from)
          .where('post_asks.answered_at', '<', to)
          .$if(userIds !== null, (q) => q.where('post_asks.user_id', 'in', only))
          .execute(),
      ]);
      return {
        urgentSent,
        urgentReceived,
        delivered: delivered.flatMap((r) =>
          r.delivered_at === null ? [] : [{ user_id: r.user_id, at: r.delivered_at, channel: r.channel }],
        ),
        asksDue: asksDue.flatMap((r) =>
          r.due_at === null ? [] : [{ user_id: r.user_id, due_at: r.due_at, answered_at: r.answered_at }],
        ),
        answers: answers.flatMap((r) =>
          r.answered_at === null ? [] : [{ ...r, answered_at: r.answered_at }],
        ),
      };
    },

    async people(userIds: string[] | null) {
      return db
        .selectFrom('users')
        .select(['id', 'name', 'time_zone'])
        .$if(userIds !== null, (q) => q.where('id', 'in', userIds ?? []))
        .orderBy('name')
        .orderBy('id')
        .execute();
    },
  };
}
