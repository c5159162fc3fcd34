import type { MediaMoments, MomentReaction, ReactionRequest } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Actor } from '../accounts/actor';
import { publishAll } from '../threads/live';
import { presentPerson } from '../threads/people';
import { type MediaInThread, momentsRepository } from './moments.repository';

const EXCERPT_CHARS = 140;

/** Who may have the thread open: the threads service's watchers. */
export type Watchers = (threadId: string) => Promise<string[]>;

export function momentsService(ctx: AppContext, watchers: Watchers) {
  const repo = momentsRepository(ctx.db);

  /** The recording if it is in a thread the actor may see; 404 otherwise. */
  async function findVisible(actor: Actor, mediaId: string): Promise<MediaInThread> {
    const media = await repo.findVisibleMedia(actor.user, mediaId);
    if (!media) throw notFound('That recording');
    return media;
  }

  /** Open players refetch the marks; a lost notice only delays them until the next refetch. */
  async function announce(media: Pick<MediaInThread, 'id' | 'thread_id'>) {
    await publishAll(ctx, [
      {
        userIds: await watchers(media.thread_id),
        event: { type: 'moments.changed', threadId: media.thread_id, mediaId: media.id },
      },
    ]);
  }

  return {
    findVisible,
    announce,

    async listMoments(actor: Actor, mediaId: string): Promise<MediaMoments> {
      const media = await findVisible(actor, mediaId);
      const [comments, reactions] = await Promise.all([repo.comments(mediaId), repo.reactions(mediaId)]);
      const replies = await repo.replyCounts(comments.map((c) => c.id));
      const groups = new Map<string, MomentReaction>();
      for (const r of reactions) {
        const atMs = Number(r.at_ms);
        const key = `${r.emoji}@${atMs}`;
        const group = groups.get(key) ?? { emoji: r.emoji, atMs, people: [], myReactionId: null };
        group.people.push(presentPerson({ ...r, id: r.user_id }));
        if (r.user_id === actor.user.id) group.myReactionId = r.id;
        groups.set(key, group);
      }
      return {
        mediaId: media.id,
        threadId: media.thread_id,
        durationMs: media.duration_ms,
        comments: comments.map((c) => ({
          id: c.id,
          threadId: c.thread_id,
          author: presentPerson({
            id: c.author_id,
            name: c.author_name,
            avatar_key: c.author_avatar_key,
            updated_at: c.author_updated_at,
          }),
          atMs: Number(c.at_ms ?? 0),
          excerpt: excerpt(c.body_text),
          replies: replies.get(c.id) ?? 0,
          createdAt: Number(c.created_at),
        })),
        reactions: [...groups.values()].sort((a, b) => a.atMs - b.atMs),
      };
    },

    async react(actor: Actor, mediaId: string, input: z.output<typeof ReactionRequest>) {
      const media = await findVisible(actor, mediaId);
      if (media.duration_ms !== null && input.atMs > media.duration_ms) {
        throw invalid('That moment is past the end of the recording.', {
          atMs: 'React at a time within the recording',
        });
      }
      const same = await repo.findSame(mediaId, actor.user.id, input.emoji, input.atMs);
      if (same) return { id: same.id, emoji: same.emoji, atMs: Number(same.at_ms) };
      const row = {
        id: newId(),
        media_id: mediaId,
        user_id: actor.user.id,
        emoji: input.emoji,
        at_ms: input.atMs,
        created_at: ctx.now(),
      };
      await repo.insertReaction(row);
      await announce(media);
      return { id: row.id, emoji: row.emoji, atMs: row.at_ms };
    },

    async unreact(actor: Actor, mediaId: string, reactionId: string): Promise<void> {
      const media = await findVisible(actor, mediaId);
      if (!(await repo.deleteReaction(mediaId, reactionId, actor.user.id))) throw notFound('That reaction');
      await announce(media);
    },
  };
}
export type MomentsService = ReturnType<typeof momentsService>;

const excerpt = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
};
