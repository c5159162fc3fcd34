import type { CreateThreadRequest, ReplyRequest, ScheduledPost, ScheduleRequest } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { ScheduledPostRow } from '../../db/schema';
import { enqueue } from '../../jobs/queue';
import { AppError, invalid, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Actor } from '../accounts/actor';
import { usersRepository } from '../accounts/users.repository';
import { postsService } from '../threads/posts.service';
import { threadsService } from '../threads/threads.service';
import { publishScheduledJob } from './scheduled.job';
import { scheduledRepository } from './scheduled.repository';

type ThreadInput = z.output<typeof CreateThreadRequest>;
type ReplyInput = z.output<typeof ReplyRequest> & { threadId: string };

function present(row: ScheduledPostRow): z.infer<typeof ScheduledPost> {
  const request = JSON.parse(row.request) as Partial<ThreadInput & ReplyInput>;
  return {
    id: row.id,
    sendAt: row.send_at,
    kind: row.kind,
    threadId: row.thread_id,
    subject: request.subject ?? null,
    body: request.body ?? '',
    status: row.status,
    error: row.error,
    postId: row.post_id,
  };
}

/**
 * Scheduled send: the post waits in scheduled_posts (invisible to everyone but its author) and a
 * job writes it through the normal thread or reply use case at send_at, so fan-out, asks and the
 * delivery decisions happen then, exactly as if it had been sent at that moment.
 */
export function scheduledService(ctx: AppContext) {
  const repo = scheduledRepository(ctx.db);

  const book = (row: Pick<ScheduledPostRow, 'id' | 'send_at'>) =>
    enqueue(ctx.db, publishScheduledJob, { id: row.id, sendAt: row.send_at }, ctx.now(), {
      runAt: row.send_at,
      dedupeKey: `${publishScheduledJob.name}:${row.id}:${row.send_at}`,
    });

  const future = (sendAt: number) => {
    if (sendAt <= ctx.now())
      throw invalid('Choose a time in the future.', { sendAt: 'Choose a time in the future' });
  };

  async function mine(actor: Actor, id: string): Promise<ScheduledPostRow> {
    const row = await repo.find(id);
    if (!row || row.author_id !== actor.user.id) throw notFound('That scheduled post');
    return row;
  }

  const pending = (row: ScheduledPostRow) => {
    if (row.status !== 'scheduled') {
      throw invalid('This post is no longer waiting to be sent.', { id: `It is ${row.status}` });
    }
  };

  return {
    async schedule(actor: Actor, input: z.output<typeof ScheduleRequest>) {
      future(input.sendAt);
      const threadId = input.reply
        ? (await threadsService(ctx).findVisible(actor, input.reply.threadId)).id
        : null;
      const row: ScheduledPostRow = {
        id: newId(),
        author_id: actor.user.id,
        kind: input.reply ? 'reply' : 'thread',
        thread_id: threadId,
        request: JSON.stringify(input.reply ?? input.thread),
        send_at: input.sendAt,
        status: 'scheduled',
        error: null,
        post_id: null,
        created_at: ctx.now(),
      };
      await repo.insert(row);
      await book(row);
      return present(row);
    },

    async list(actor: Actor) {
      return { scheduled: (await repo.listForAuthor(actor.user.id)).map(present) };
    },

    async update(
      actor: Actor,
      id: string,
      patch: { sendAt?: number | undefined; body?: string | undefined },
    ) {
      const row = await mine(actor, id);
      pending(row);
      if (patch.body !== undefined && patch.body.trim() === '')
        throw invalid('Write something.', { body: 'Write something' });
      if (patch.sendAt !== undefined) future(patch.sendAt);
      const request = { ...JSON.parse(row.request), ...(patch.body !== undefined && { body: patch.body }) };
      const next = { ...row, request: JSON.stringify(request), send_at: patch.sendAt ?? row.send_at };
      await repo.update(id, { request: next.request, send_at: next.send_at });
      // The job booked for the old time finds send_at changed and does nothing.
      if (next.send_at !== row.send_at) await book(next);
      return present(next);
    },

    async cancel(actor: Actor, id: string) {
      const row = await mine(actor, id);
      pending(row);
      await repo.update(id, { status: 'cancelled' });
      return present({ ...row, status: 'cancelled' });
    },

    /** The job's work: write the post as its author, now. */
    async publish(id: string, sendAt: number): Promise<void> {
      const row = await repo.find(id);
      if (row?.status !== 'scheduled' || row.send_at !== sendAt) return;
      const user = await usersRepository(ctx.db).findById(row.author_id);
      if (!user) return;
      const actor: Actor = { user, via: 'session' };
      const threads = threadsService(ctx);
      try {
        const postId =
          row.kind === 'thread'
            ? (await threads.createThread(actor, JSON.parse(row.request) as ThreadInput)).posts[0]?.id
            : (
                await postsService(ctx, threads).reply(
                  actor,
                  row.thread_id ?? '',
                  JSON.parse(row.request) as ReplyInput,
                )
              ).id;
        await repo.update(id, { status: 'sent', post_id: postId ?? null, error: null });
      } catch (error) {
        // A refusal (thread gone, recipient removed) will not change on retry: say why and stop.
        if (!(error instanceof AppError)) throw error;
        await repo.update(id, { status: 'failed', error: error.message });
      }
    },
  };
}
export type ScheduledService = ReturnType<typeof scheduledService>;
