import type {
  AddRecipientsAnswer,
  AddRecipientsRequest,
  CreateThreadRequest,
  Thread,
  ThreadSummary,
} from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { ThreadRow } from '../../db/schema';
import { forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { type Actor, isAdmin } from '../accounts/actor';
import { addressEmails } from '../outsiders/address-emails';
import { spacesRepository } from '../spaces/spaces.repository';
import { addRecipients, findRecipients } from './add-recipients';
import { inboxItemsRepository } from './inbox-items.repository';
import { type Notice, publishAll } from './live';
import { writePost } from './post-writer';
import { postsRepository } from './posts.repository';
import { type AttachedMedia, noAttachedMedia, presentSummary, presentThread } from './present';
import { threadsRepository } from './threads.repository';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function threadsService(ctx: AppContext, attached: AttachedMedia = noAttachedMedia) {
  const threads = threadsRepository(ctx.db);

  /** The thread if the actor may see it; 404 otherwise (never 403: its existence stays private). */
  async function findVisible(actor: Actor, id: string): Promise<ThreadRow> {
    const thread = await threads.findVisible(actor.user, id);
    if (!thread) throw notFound('That thread');
    return thread;
  }

  /** Everyone who may have the thread open or in their inbox, for live notices. */
  async function watchers(threadId: string): Promise<string[]> {
    const [audience, inbox, subs] = await Promise.all([
      threads.audience(threadId),
      inboxItemsRepository(ctx.db).existingUserIds(threadId),
      threads.subscriptions(threadId),
    ]);
    return [...new Set([...audience, ...inbox, ...subs.map((s) => s.user_id)])];
  }

  async function setResolved(actor: Actor, id: string, resolved: boolean): Promise<Thread> {
    const thread = await findVisible(actor, id);
    if (thread.created_by !== actor.user.id && !isAdmin(actor)) {
      throw forbidden('Only the person who started this thread, or an admin, can resolve or reopen it.');
    }
    if ((thread.resolved_at !== null) !== resolved) {
      await threads.setResolved(id, resolved ? ctx.now() : null, resolved ? actor.user.id : null);
      await publishAll(ctx, [
        { userIds: await watchers(id), event: { type: 'thread.updated', threadId: id } },
      ]);
    }
    return presentThread(ctx.db, actor.user, await findVisible(actor, id), attached);
  }

  const service = {
    findVisible,
    watchers,

    async createThread(actor: Actor, input: z.output<typeof CreateThreadRequest>): Promise<Thread> {
      const userIds = [...new Set(input.recipients.userIds)].filter((id) => id !== actor.user.id);
      const spaceIds = [...new Set(input.recipients.spaceIds)];
      await findRecipients(ctx.db, actor, userIds, spaceIds);
      const now = ctx.now();
      const thread: ThreadRow = {
        id: newId(),
        subject: input.subject,
        created_by: actor.user.id,
        created_at: now,
        last_post_at: now,
        resolved_at: null,
        resolved_by: null,
      };
      const written = await ctx.db.transaction().execute(async (trx) => {
        const byEmail = await addressEmails(trx, actor, input.recipients.emails, now);
        const addressed = [...new Set([...userIds, ...byEmail])].filter((id) => id !== actor.user.id);
        await threadsRepository(trx).insert(thread, addressed, spaceIds);
        return writePost(
          trx,
          thread,
          actor.user,
          {
            body: input.body,
            expectation: input.expectation,
            remindIfNoAnswerBy: input.remindIfNoAnswerBy,
            mediaIds: input.mediaIds,
            deliverInWorkingHours: input.deliverInWorkingHours,
          },
          now,
        );
      });
      const notices: Notice[] = [
        {
          userIds: written.inboxChanged,
          event: { type: 'post.created', threadId: thread.id, postId: written.post.id },
        },
        { userIds: written.inboxChanged, event: { type: 'inbox.changed', threadId: thread.id } },
      ];
      await publishAll(ctx, notices);
      return presentThread(ctx.db, actor.user, thread, attached);
    },

    /** People, spaces and email addresses added to a thread under way (see add-recipients.ts). */
    addRecipients(
      actor: Actor,
      id: string,
      input: z.output<typeof AddRecipientsRequest>,
    ): Promise<AddRecipientsAnswer> {
      return addRecipients(ctx, service, attached, actor, id, input);
    },

    async getThread(actor: Actor, id: string): Promise<Thread> {
      return presentThread(ctx.db, actor.user, await findVisible(actor, id), attached);
    },

    async listSpaceThreads(
      actor: Actor,
      spaceId: string,
      page: { before?: number | undefined; limit: number },
    ): Promise<{ threads: ThreadSummary[]; nextBefore: number | null }> {
      if (!(await spacesRepository(ctx.db).findVisible(actor.user, spaceId))) throw notFound('That space');
      const rows = await threads.listInSpace(actor.user, spaceId, page);
      const last = rows.at(-1);
      return {
        threads: rows.map(presentSummary),
        nextBefore: rows.length === page.limit && last ? last.last_post_at : null,
      };
    },

    resolveThread: (actor: Actor, id: string) => setResolved(actor, id, true),
    reopenThread: (actor: Actor, id: string) => setResolved(actor, id, false),

    async setSubscription(actor: Actor, id: string, mode: 'follow' | 'mute' | 'default'): Promise<Thread> {
      const thread = await findVisible(actor, id);
      await threads.setSubscription(id, actor.user.id, mode);
      return presentThread(ctx.db, actor.user, thread, attached);
    },

    /** The caller has seen every post: receipts for the senders, and the inbox row read. */
    async markRead(actor: Actor, id: string): Promise<void> {
      await findVisible(actor, id);
      const { seen, changed } = await ctx.db.transaction().execute(async (trx) => ({
        seen: await postsRepository(trx).markSeen(id, actor.user.id, ctx.now()),
        changed: await inboxItemsRepository(trx).markRead(id, actor.user.id),
      }));
      const notices: Notice[] = seen.map((p) => ({
        userIds: [p.author_id],
        event: { type: 'receipt', threadId: id, postId: p.id },
      }));
      if (changed) notices.push({ userIds: [actor.user.id], event: { type: 'inbox.changed', threadId: id } });
      await publishAll(ctx, notices);
    },

    async urgentStats(actor: Actor): Promise<{ sentThisWeek: number }> {
      return {
        sentThisWeek: await postsRepository(ctx.db).urgentSentSince(actor.user.id, ctx.now() - WEEK_MS),
      };
    },
  };
  return service;
}
export type ThreadsService = ReturnType<typeof threadsService>;
