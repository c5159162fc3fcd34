import type { SharedMedia, SharedPost } from '@tidings/contracts';
import type { AppContext } from '../../context';
import type { ShareLinkRow, ThreadRow } from '../../db/schema';
import { purposeKey } from '../../lib/secrets';
import { type MediaWithOwner, mediaRepository } from '../media/media.repository';
import { mediaKeys } from '../media/present';
import { URL_TTL_MS } from '../playback/playback.service';
import { type MediaVariant, SIGNING_PURPOSE, signedMediaPath } from '../playback/signing';
import { type PostWithAuthor, postsRepository } from '../threads/posts.repository';
import { presentTranscript } from '../transcripts/present';
import { OFF_MESSAGE, sttOf } from '../transcripts/transcribe.job';
import { transcriptsRepository } from '../transcripts/transcripts.repository';

/** The user id a share viewer's media URLs are signed for: no account, the link itself. */
export const shareViewerOf = (linkId: string) => `share:${linkId}`;
const EXPIRY_STEP_MS = 5 * 60_000;

/** What one link shows, read fresh on every request (deleted posts and media drop out at once). */
export interface LinkTarget {
  thread: ThreadRow;
  /** The post of a post link, every live post of a thread link, the post of a media link. */
  posts: PostWithAuthor[];
  /** Recordings the link may play, by post id. */
  mediaByPost: Map<string, MediaWithOwner[]>;
  /** The recording of a media link. */
  media: MediaWithOwner | null;
}

/** The link's target, or null when it (or its post, or its thread) is gone. */
export async function loadTarget(ctx: AppContext, link: ShareLinkRow): Promise<LinkTarget | null> {
  const thread = await ctx.db
    .selectFrom('threads')
    .selectAll()
    .where('id', '=', link.thread_id)
    .executeTakeFirst();
  if (!thread) return null;
  const posts = postsRepository(ctx.db);
  const media = mediaRepository(ctx.db);
  let postRows: PostWithAuthor[] = [];
  let target: MediaWithOwner | null = null;
  if (link.target_kind === 'thread') {
    postRows = (await posts.listInThread(thread.id)).filter((p) => p.deleted_at === null);
  } else if (link.target_kind === 'post') {
    const post = await posts.findWithAuthor(link.target_id);
    if (!post || post.deleted_at !== null || post.thread_id !== thread.id) return null;
    postRows = [post];
  } else {
    target = (await media.find(link.target_id)) ?? null;
    const post = target?.post_id ? await posts.findWithAuthor(target.post_id) : undefined;
    if (!target || !post || post.deleted_at !== null || post.thread_id !== thread.id) return null;
    postRows = [post];
  }
  const mediaByPost = new Map<string, MediaWithOwner[]>();
  const attached = target ? [target] : await media.listForPosts(postRows.map((p) => p.id));
  for (const row of attached) {
    if (row.post_id === null) continue;
    mediaByPost.set(row.post_id, [...(mediaByPost.get(row.post_id) ?? []), row]);
  }
  return { thread, posts: postRows, mediaByPost, media: target };
}

export const mediaOfTarget = (target: LinkTarget): MediaWithOwner[] =>
  [...target.mediaByPost.values()].flat();

/** Signed URLs of every rendition, bound to the link instead of a person (see the bytes route). */
export async function signForLink(ctx: AppContext, linkId: string, row: MediaWithOwner) {
  const expiresAt = Math.ceil((ctx.now() + URL_TTL_MS) / EXPIRY_STEP_MS) * EXPIRY_STEP_MS;
  const key = await purposeKey(ctx, SIGNING_PURPOSE);
  const keys = mediaKeys(row);
  const url = (variant: MediaVariant) =>
    keys[variant] === null
      ? null
      : `${signedMediaPath(key, {
          mediaId: row.id,
          variant,
          userId: shareViewerOf(linkId),
          exp: expiresAt / 1000,
        })}&share=${encodeURIComponent(linkId)}`;
  return { playbackUrl: url('playable'), posterUrl: url('poster') };
}

async function presentSharedMedia(
  ctx: AppContext,
  link: ShareLinkRow,
  token: string,
  row: MediaWithOwner,
): Promise<SharedMedia> {
  const transcriptRow = await transcriptsRepository(ctx.db).find(row.id);
  const engineOff = sttOf(ctx) === null || sttOf(ctx)?.name === 'none';
  const transcript = presentTranscript(row.id, transcriptRow, engineOff ? OFF_MESSAGE : null);
  const done = transcript.status === 'done' && transcript.words.length > 0;
  const { playbackUrl, posterUrl } = await signForLink(ctx, link.id, row);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    authorName: row.owner_name,
    createdAt: Number(row.created_at),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    width: row.width,
    height: row.height,
    mimeType: row.playable_mime_type ?? row.mime_type,
    playbackUrl,
    posterUrl,
    captionsUrl: done
      ? `/api/s/${encodeURIComponent(token)}/media/${encodeURIComponent(row.id)}/captions.vtt?v=${transcript.updatedAt ?? 0}`
      : null,
    waveform: parsePeaks(row.waveform),
    transcript: row.status === 'ready' ? transcript : null,
  };
}

function parsePeaks(json: string | null): number[] | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : null;
  } catch {
    return null;
  }
}

export async function presentTarget(
  ctx: AppContext,
  link: ShareLinkRow,
  token: string,
  target: LinkTarget,
): Promise<{ title: string; media: SharedMedia | null; posts: SharedPost[] }> {
  const media = target.media ? await presentSharedMedia(ctx, link, token, target.media) : null;
  const posts: SharedPost[] = [];
  // A media link shows its recording only, not the rest of the post it sits in.
  if (link.target_kind !== 'media') {
    for (const post of target.posts) {
      const attached = target.mediaByPost.get(post.id) ?? [];
      posts.push({
        id: post.id,
        authorName: post.author_name,
        createdAt: Number(post.created_at),
        html: post.body_html,
        atMs: post.at_ms === null ? null : Number(post.at_ms),
        momentMediaId: post.media_id,
        media: await Promise.all(attached.map((row) => presentSharedMedia(ctx, link, token, row))),
      });
    }
  }
  const title = media ? media.title || `A recording by ${media.authorName}` : target.thread.subject;
  return { title, media, posts };
}

/** A line for link previews: the post's text, else what was said in the first recording. */
export async function describeTarget(ctx: AppContext, link: ShareLinkRow, target: LinkTarget) {
  const firstMedia = mediaOfTarget(target)[0] ?? null;
  const text =
    link.target_kind === 'media' ? '' : (target.posts.find((p) => p.body_text.trim())?.body_text ?? '');
  let description = text;
  if (!description && firstMedia) {
    const transcript = await transcriptsRepository(ctx.db).find(firstMedia.id);
    description = transcript?.status === 'done' ? transcript.text : '';
  }
  const squashed = description.replace(/\s+/g, ' ').trim();
  return {
    title: target.media ? target.media.title || 'A recording' : target.thread.subject,
    description: squashed.length > 200 ? `${squashed.slice(0, 199)}…` : squashed,
    poster: mediaOfTarget(target).find((m) => m.poster_key !== null) ?? null,
    video: firstMedia?.kind === 'video',
  };
}
