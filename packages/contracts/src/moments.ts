import { z } from 'zod';
import { EpochMs, Id } from './common';
import { Person } from './person';

/** A time in a recording, in ms from its start. */
export const MomentMs = z
  .number({ message: 'Give the time in the recording in milliseconds' })
  .int()
  .min(0, { message: 'The time cannot be before the start of the recording' })
  .max(24 * 3600_000, { message: 'That time is beyond any recording' });

/** A comment on the moment: the recording (attached to a post of this thread) and the time. */
export const MomentInput = z.object({ mediaId: Id, atMs: MomentMs });
export type MomentInput = z.infer<typeof MomentInput>;

/** How a post is tied to a moment, as a reader sees it ("at 1:23 on <title>"). */
export const PostMoment = z.object({
  mediaId: Id,
  atMs: z.number().int(),
  mediaTitle: z.string(),
  /** The post the recording is in, to scroll to its player. */
  mediaPostId: Id.nullable(),
});
export type PostMoment = z.infer<typeof PostMoment>;

/** The quick set the reaction bar offers; any other single emoji is accepted too. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '🤔', '👀', '✅'] as const;

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter('en', { granularity: 'grapheme' })
    : null;

/** One grapheme that is an emoji (flags, skin tones and ZWJ sequences included). */
export function isSingleEmoji(value: string): boolean {
  if ((QUICK_REACTIONS as readonly string[]).includes(value)) return true;
  if (value.length === 0 || value.length > 32) return false;
  if (segmenter && [...segmenter.segment(value)].length !== 1) return false;
  return /^(\p{Extended_Pictographic}|\p{Regional_Indicator}{2})/u.test(value);
}

export const Emoji = z
  .string()
  .trim()
  .refine(isSingleEmoji, { message: 'React with a single emoji, such as 👍' });

export const ReactionRequest = z.object({ emoji: Emoji, atMs: MomentMs });
export type ReactionRequest = z.input<typeof ReactionRequest>;

export const ReactionParams = z.object({ id: Id, reactionId: Id });

/** A comment on a recording, for marks on the timeline and the list beside the player. */
export const MomentComment = z.object({
  id: Id,
  threadId: Id,
  author: Person,
  atMs: z.number().int(),
  excerpt: z.string().describe('The first words of the comment, as plain text'),
  replies: z.number().int().describe('Replies to this comment'),
  createdAt: EpochMs,
});
export type MomentComment = z.infer<typeof MomentComment>;

/** Everyone who reacted with one emoji at one time. */
export const MomentReaction = z.object({
  emoji: z.string(),
  atMs: z.number().int(),
  people: z.array(Person),
  /** The caller's own reaction in this group, so they can take it back. */
  myReactionId: Id.nullable(),
});
export type MomentReaction = z.infer<typeof MomentReaction>;

export const MediaMoments = z
  .object({
    mediaId: Id,
    threadId: Id,
    durationMs: z.number().int().nullable(),
    comments: z.array(MomentComment).describe('Sorted by time'),
    reactions: z.array(MomentReaction).describe('Sorted by time'),
  })
  .meta({ id: 'MediaMoments' });
export type MediaMoments = z.infer<typeof MediaMoments>;

export const CreatedReaction = z.object({ id: Id, emoji: z.string(), atMs: z.number().int() });
