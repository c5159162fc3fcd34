import type { InboxCounts, InboxItem, InboxQuery } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { InboxItemsTable } from '../../db/schema';
import { invalid, notFound } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { isPlaceholderText, recordingsOf, textOrTranscript } from '../email/post-text';
import type { Viewer } from '../threads/thread-access';
import { inboxRepository } from './inbox.repository';
import { decodeCursor, encodeCursor, SECTION_ORDER } from './inbox-order';
import { excerptOf, personFrom } from './present';
import { scheduleSnoozeEnd } from './snooze.job';

type ItemRow = Awaited<ReturnType<ReturnType<typeof inboxRepository>['listSection']>>[number];

const viewerOf = (actor: Actor): Viewer => ({ id: actor.user.id, role: actor.user.role });

function present(row: ItemRow, now: number): InboxItem {
  const snoozed = row.snoozed_until !== null && row.snoozed_until > now;
  return {
    threadId: row.thread_id,
    subject: row.subject,
    lastPostAt: row.post_created_at,
    lastAuthor: personFrom({
      id: row.author_id,
      name: row.author_name,
      avatarKey: row.author_avatar_key,
      updatedAt: row.author_updated_at,
    }),
    excerpt: excerptOf(row.post_text, row.post_deleted_at !== null),
    unread: row.unread === 1,
    doneAt: row.done_at,
    snoozedUntil: snoozed ? row.snoozed_until : null,
    needsReply: row.needs_reply === 1,
    expectation: row.expectation,
    dueAt: row.due_at,
    overdue: row.needs_reply === 1 && row.due_at !== null && row.due_at < now,
    resolved: row.resolved_at !== null,
  };
}

/** A bare recording's excerpt is what was said in it (its transcript), not "Voice note". */
async function withSpokenText(ctx: AppContext, rows: ItemRow[]): Promise<ItemRow[]> {
  const bare = rows.filter((r) => isPlaceholderText(r.post_text)).map((r) => r.last_post_id);
  const recordings = await recordingsOf(ctx.db, bare);
  return rows.map((r) => ({
    ...r,
    post_text: textOrTranscript(r.post_text, recordings.get(r.last_post_id)),
  }));
}

export function inboxService(ctx: AppContext) {
  const items = inboxRepository(ctx.db);

  /** Applies a change to the caller's item on a thread they can see, and tells their open inboxes. */
  async function change(actor: Actor, threadId: string, changes: Partial<InboxItemsTable>): Promise<void> {
    const viewer = viewerOf(actor);
    if (!(await items.findVisible(viewer, threadId))) throw notFound('That thread');
    await items.update(viewer.id, threadId, changes);
    await ctx.live.publish([viewer.id], { type: 'inbox.changed', threadId });
  }

  return {
    async listInbox(actor: Actor, query: z.output<typeof InboxQuery>) {
      const now = ctx.now();
      const keys = SECTION_ORDER[query.section];
      const after = query.before ? decodeCursor(keys, query.before) : undefined;
      // One row more than asked tells whether another page exists.
      const rows = await items.listSection(viewerOf(actor), query.section, now, query.limit + 1, after);
      const page = await withSpokenText(ctx, rows.slice(0, query.limit));
      const last = page.at(-1);
      return {
        items: page.map((row) => present(row, now)),
        nextBefore: rows.length > query.limit && last ? encodeCursor(keys, last) : null,
      };
    },

    inboxCounts: (actor: Actor): Promise<z.output<typeof InboxCounts>> =>
      items.counts(viewerOf(actor), ctx.now()),

    markDone: (actor: Actor, threadId: string) => change(actor, threadId, { done_at: ctx.now() }),
    markNotDone: (actor: Actor, threadId: string) => change(actor, threadId, { done_at: null }),
    markRead: (actor: Actor, threadId: string) => change(actor, threadId, { unread: 0 }),
    markUnread: (actor: Actor, threadId: string) => change(actor, threadId, { unread: 1 }),
    unsnooze: (actor: Actor, threadId: string) => change(actor, threadId, { snoozed_until: null }),

    async snooze(actor: Actor, threadId: string, until: number): Promise<void> {
      if (until <= ctx.now()) {
        throw invalid('Choose a time in the future to snooze until.', { until: 'Must be in the future' });
      }
      await change(actor, threadId, { snoozed_until: until });
      await scheduleSnoozeEnd(ctx, actor.user.id, threadId, until);
    },
  };
}
export type InboxService = ReturnType<typeof inboxService>;
