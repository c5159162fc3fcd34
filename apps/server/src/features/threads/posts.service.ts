import type { Post, ReplyRequest } from '@tidings/contracts';
import type { z } from 'zod';
import { renderMarkdown } from '../../adapters/markdown/markdown';
import type { AppContext } from '../../context';
import type { PostRow, ThreadRow } from '../../db/schema';
import { forbidden, invalid, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { type Actor, isAdmin } from '../accounts/actor';
import { decideDeliveries } from '../delivery/decide-deliveries';
import { notifyPeople, recomputeAsks } from './inbox-fanout';
import { type Notice, publishAll } from './live';
import { checkMentions, writePost } from './post-writer';
import { postsRepository } from './posts.repository';
import { type AttachedMedia, noAttachedMedia, presentPosts } from './present';
import { threadsRepository } from './threads.repository';
import type { ThreadsService } from './threads.service';

export function postsService(
  ctx: AppContext,
  threadsService: ThreadsService,
  attached: AttachedMedia = noAttachedMedia,
) {
  const posts = postsRepository(ctx.db);

  /** A post in a thread the actor may see; 404 for everything else. */
  async function findVisible(actor: Actor, postId: string): Promise<{ post: PostRow; thread: ThreadRow }> {
    const post = await posts.find(postId);
    const thread = post && (await threadsRepository(ctx.db).findVisible(actor.user, post.thread_id));
    if (!post || !thread) throw notFound('That post');
    return { post, thread };
  }

  async function present(actor: Actor, postId: string): Promise<Post> {
    const row = await posts.findWithAuthor(postId);
    if (!row) throw notFound('That post');
    const quoteAuthors = new Map<string, string>();
    if (row.quote_post_id) {
      const quoted = await posts.findWithAuthor(row.quote_post_id);
      if (quoted) quoteAuthors.set(quoted.id, quoted.author_name);
    }
    const [view] = await presentPosts(ctx.db, actor.user, [row], quoteAuthors, attached);
    if (!view) throw notFound('That post');
    return view;
  }

  const assertLive = (post: PostRow) => {
    if (post.deleted_at !== null)
      throw invalid('This message was deleted.', { post: 'Deleted posts cannot change' });
  };

  return {
    async reply(actor: Actor, threadId: string, input: z.output<typeof ReplyRequest>): Promise<Post> {
      const thread = await threadsService.findVisible(actor, threadId);
      const written = await ctx.db.transaction().execute((trx) =>
        // An outsider's session is their private link: their posts say "via link".
        writePost(
          trx,
          thread,
          actor.user,
          { ...input, via: actor.user.role === 'external' ? 'link' : 'app' },
          ctx.now(),
        ),
      );
      const notices: Notice[] = [
        { userIds: written.inboxChanged, event: { type: 'post.created', threadId, postId: written.post.id } },
        { userIds: written.inboxChanged, event: { type: 'inbox.changed', threadId } },
      ];
      if (written.post.media_id) {
        // Open players show the new mark without a reload.
        notices.push({
          userIds: await threadsService.watchers(threadId),
          event: { type: 'moments.changed', threadId, mediaId: written.post.media_id },
        });
      }
      await publishAll(ctx, notices);
      return present(actor, written.post.id);
    },

    /** Authors may reword their posts; the earlier wording is kept as a revision. */
    async editPost(actor: Actor, postId: string, body: string): Promise<Post> {
      const { post, thread } = await findVisible(actor, postId);
      if (post.author_id !== actor.user.id) throw forbidden('Only the author can edit a post.');
      assertLive(post);
      const rendered = renderMarkdown(body);
      const now = ctx.now();
      const notified = await ctx.db.transaction().execute(async (trx) => {
        const mentioned = await checkMentions(trx, thread.id, rendered.mentions);
        const before = new Set(renderMarkdown(post.body_md).mentions.map((m) => m.userId));
        const repo = postsRepository(trx);
        await repo.insertRevision({ id: newId(), post_id: post.id, body_md: post.body_md, edited_at: now });
        await repo.updateBody(post.id, {
          body_md: body,
          body_html: rendered.html,
          body_text: rendered.text,
          edited_at: now,
        });
        const newcomers = mentioned.filter((id) => !before.has(id) && id !== actor.user.id);
        const notifiedNow = await notifyPeople(trx, thread.id, post.id, now, newcomers);
        // People newly mentioned hear about it like any mention (nothing is asked of them).
        await decideDeliveries(
          trx,
          {
            postId: post.id,
            threadId: thread.id,
            authorId: actor.user.id,
            expectation: 'fyi',
            dueAt: null,
            interruptOutsideHours: false,
            remindIfNoAnswerBy: null,
            recipients: newcomers,
            asked: new Set(),
            mentioned: new Set(newcomers),
          },
          now,
        );
        return notifiedNow;
      });
      const notices: Notice[] = [
        {
          userIds: await threadsService.watchers(thread.id),
          event: { type: 'post.updated', threadId: thread.id, postId },
        },
      ];
      if (notified.length > 0)
        notices.push({ userIds: notified, event: { type: 'inbox.changed', threadId: thread.id } });
      await publishAll(ctx, notices);
      return present(actor, postId);
    },

    async listRevisions(actor: Actor, postId: string) {
      await findVisible(actor, postId);
      const rows = await posts.revisions(postId);
      return { revisions: rows.map((r) => ({ bodyMarkdown: r.body_md, editedAt: r.edited_at })) };
    },

    /** Leaves a tombstone in the thread; what the post asked of people is no longer asked. */
    async deletePost(actor: Actor, postId: string): Promise<Post> {
      const { post, thread } = await findVisible(actor, postId);
      if (post.author_id !== actor.user.id && !isAdmin(actor)) {
        throw forbidden('Only the author or an admin can delete a post.');
      }
      if (post.deleted_at === null) {
        const changed = await ctx.db.transaction().execute(async (trx) => {
          const repo = postsRepository(trx);
          await repo.tombstone(post.id, ctx.now());
          return recomputeAsks(trx, thread.id, await repo.askedUserIds(post.id));
        });
        const notices: Notice[] = [
          {
            userIds: await threadsService.watchers(thread.id),
            event: { type: 'post.deleted', threadId: thread.id, postId },
          },
        ];
        if (changed.length > 0)
          notices.push({ userIds: changed, event: { type: 'inbox.changed', threadId: thread.id } });
        await publishAll(ctx, notices);
      }
      return present(actor, postId);
    },

    /** "Answered" / "Decided" without writing a reply: clears what this post asked of the caller. */
    async answer(actor: Actor, postId: string, how: 'answered' | 'decided'): Promise<Post> {
      const { post, thread } = await findVisible(actor, postId);
      assertLive(post);
      const result = await ctx.db.transaction().execute(async (trx) => {
        const answered = await postsRepository(trx).answerAsk(post.id, actor.user.id, how, ctx.now());
        return { answered, changed: answered ? await recomputeAsks(trx, thread.id, [actor.user.id]) : [] };
      });
      if (!result.answered) {
        throw invalid('This post asks nothing of you that is still open.', {
          post: 'Nothing to answer here',
        });
      }
      const notices: Notice[] = [
        {
          userIds: [post.author_id, actor.user.id],
          event: { type: 'post.updated', threadId: thread.id, postId },
        },
      ];
      if (result.changed.length > 0) {
        notices.push({ userIds: result.changed, event: { type: 'inbox.changed', threadId: thread.id } });
      }
      await publishAll(ctx, notices);
      return present(actor, postId);
    },
  };
}
export type PostsService = ReturnType<typeof postsService>;
