import { z } from 'zod';
import { EpochMs, Id } from './common';
import { MediaKind, MediaStatus } from './media';
import { Transcript } from './transcripts';

/** What a share link opens: one recording, one post, or a whole thread. */
export const ShareTargetKind = z.enum(['media', 'post', 'thread']);
export type ShareTargetKind = z.infer<typeof ShareTargetKind>;

export const ShareTargetQuery = z.object({ kind: ShareTargetKind, id: Id });

export const SharePassword = z
  .string()
  .min(8, { message: 'Use at least 8 characters' })
  .max(200, { message: 'Use at most 200 characters' });

export const CreateShareLinkRequest = z.object({
  kind: ShareTargetKind,
  id: Id,
  /** Viewers must type it; stored as argon2id. Omit (or null) for no password. */
  password: SharePassword.nullish(),
  /** When the link stops working (epoch ms, in the future); omit for never. */
  expiresAt: EpochMs.nullish(),
  /** Link viewers may comment (their comments become posts in the thread). */
  allowComments: z.boolean().default(false),
});
export type CreateShareLinkRequest = z.input<typeof CreateShareLinkRequest>;

/** A link as its makers see it (never the token: that is shown once, at creation). */
export const ShareLink = z
  .object({
    id: Id,
    kind: ShareTargetKind,
    targetId: Id,
    createdBy: z.object({ id: Id, name: z.string() }),
    createdAt: EpochMs,
    expiresAt: EpochMs.nullable(),
    revokedAt: EpochMs.nullable(),
    hasPassword: z.boolean(),
    allowComments: z.boolean(),
    viewCount: z.number().int(),
    lastViewedAt: EpochMs.nullable(),
    /** Neither revoked nor expired. */
    active: z.boolean(),
  })
  .meta({ id: 'ShareLink' });
export type ShareLink = z.infer<typeof ShareLink>;

export const CreatedShareLink = z.object({
  link: ShareLink,
  /** `<PUBLIC_URL>/s/<token>` — shown this once; only a hash of the token is stored. */
  url: z.string(),
});
export type CreatedShareLink = z.infer<typeof CreatedShareLink>;

export const ShareLinkList = z.object({ links: z.array(ShareLink) });
export type ShareLinkList = z.infer<typeof ShareLinkList>;

// ---- What a link viewer (no account) gets --------------------------------------------------

export const ShareTokenParam = z.object({ token: z.string().min(16).max(128) });

/** A recording as a link viewer sees it: signed URLs bound to the link, transcript, captions. */
export const SharedMedia = z.object({
  id: Id,
  kind: MediaKind,
  status: MediaStatus,
  title: z.string(),
  authorName: z.string(),
  createdAt: EpochMs,
  durationMs: z.number().int().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  mimeType: z.string(),
  playbackUrl: z.string().nullable(),
  posterUrl: z.string().nullable(),
  /** WebVTT for this link; null until there is a finished transcript. */
  captionsUrl: z.string().nullable(),
  waveform: z.array(z.number()).nullable(),
  transcript: Transcript.nullable(),
});
export type SharedMedia = z.infer<typeof SharedMedia>;

export const SharedPost = z.object({
  id: Id,
  authorName: z.string(),
  createdAt: EpochMs,
  /** Sanitized HTML of the post's markdown. */
  html: z.string(),
  /** Set when the post is a comment on a moment of a recording. */
  atMs: z.number().int().nullable(),
  momentMediaId: Id.nullable(),
  media: z.array(SharedMedia),
});
export type SharedPost = z.infer<typeof SharedPost>;

export const SharedContent = z
  .object({
    kind: ShareTargetKind,
    /** The recording's title, the thread's subject. */
    title: z.string(),
    allowComments: z.boolean(),
    expiresAt: EpochMs.nullable(),
    /** Set for media links. */
    media: SharedMedia.nullable(),
    /** Set for post links; for thread links every post (not deleted), oldest first. */
    posts: z.array(SharedPost),
    /** The name this viewer commented under before (remembered by the link's cookie). */
    viewerName: z.string().nullable(),
  })
  .meta({ id: 'SharedContent' });
export type SharedContent = z.infer<typeof SharedContent>;

export const UnlockShareRequest = z.object({ password: z.string().min(1).max(200) });

export const ShareCommentRequest = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Enter your name' })
    .max(80, { message: 'Use at most 80 characters' }),
  body: z
    .string()
    .trim()
    .min(1, { message: 'Write a comment' })
    .max(5000, { message: 'Use at most 5,000 characters' }),
  /** The recording the comment is about (defaults to a media link's recording). */
  mediaId: Id.optional(),
  /** The moment of that recording, in ms. */
  atMs: z.number().int().min(0).optional(),
});
export type ShareCommentRequest = z.input<typeof ShareCommentRequest>;

export const ShareCommentResult = z.object({ postId: Id });

/** What the viewer played since the last report, per recording of the link. */
export const ShareViewReport = z.object({
  mediaId: Id,
  ranges: z
    .array(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
    .max(500, { message: 'Report at most 500 ranges at a time' }),
});
