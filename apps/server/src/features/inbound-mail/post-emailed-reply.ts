import type { Attachment } from 'mailparser';
import type { AppContext } from '../../context';
import type { MediaRow, UserRow } from '../../db/schema';
import { newId } from '../../lib/ids';
import { enqueueFinalize } from '../media/finalize-queue';
import { mediaRepository } from '../media/media.repository';
import { receivedMediaRow } from '../media/media-row';
import { publishAll } from '../threads/live';
import { writePost } from '../threads/post-writer';
import { threadsRepository } from '../threads/threads.repository';
import { attachmentKind } from './attachment-kind';

export interface EmailedReply {
  author: UserRow;
  threadId: string;
  tokenHash: string;
  messageKey: string;
  text: string;
  attachments: Attachment[];
}

/** Longest body a post takes (contracts PostBody); a longer mail is cut, not refused. */
const MAX_BODY = 100_000;
const MAX_NAME = 200;
/** As many recordings as a post written in the app may carry (contracts MediaIds). */
const MAX_MEDIA = 10;

class AlreadyReceived extends Error {}

/** Markdown from an email: a mention needs a user id, so `@[…](mention:…)` stays literal text. */
const asMarkdown = (text: string) => text.replace(/@\[/g, '@\\[').slice(0, MAX_BODY);

/** A safe file name: no path, no control characters, not empty. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || fallback).slice(0, MAX_NAME);
}

const simpleType = (type: string) =>
  /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type.toLowerCase() : 'application/octet-stream';

function mediaRowFor(
  id: string,
  owner: string,
  kind: 'audio' | 'video',
  file: Attachment,
  now: number,
): MediaRow {
  const fallback = kind === 'audio' ? 'Voice note' : 'Video';
  return receivedMediaRow(
    {
      id,
      ownerId: owner,
      kind,
      source: 'upload',
      title: cleanFileName(file.filename, fallback).replace(/\.[^.]{1,5}$/, ''),
      mimeType: simpleType(file.contentType),
      now,
    },
    file.content.length,
  );
}

/**
 * Posts an emailed reply as its author, exactly like a reply written in the app (writePost:
 * asks answered, inboxes, deliveries, live events). Audio and video go through the media pipeline
 * (stored, attached, finalize queued in the same transaction); other attachments become post
 * files. Returns the post id, or null when this message was already received.
 */
export async function postEmailedReply(ctx: AppContext, reply: EmailedReply): Promise<string | null> {
  const now = ctx.now();
  const media: MediaRow[] = [];
  const files: { id: string; name: string; mimeType: string; size: number; key: string }[] = [];
  const { maxUploadBytes } = await mediaRepository(ctx.db).workspaceLimits();
  // Bytes first, outside the transaction: a blob without a row is harmless, a row without a blob is not.
  for (const file of reply.attachments) {
    const sniffed = attachmentKind(file.content, file.contentType);
    // Past what the app accepts as recordings (count or size), it is still kept, as a file.
    const fits = media.length < MAX_MEDIA && file.content.length <= maxUploadBytes;
    const kind = fits ? sniffed : 'file';
    const id = newId();
    if (kind === 'file') {
      const key = `post-files/${id}`;
      await ctx.blobs.put(key, file.content, simpleType(file.contentType));
      const name = cleanFileName(file.filename, 'attachment');
      files.push({ id, name, mimeType: simpleType(file.contentType), size: file.content.length, key });
    } else {
      const row = mediaRowFor(id, reply.author.id, kind, file, now);
      await ctx.blobs.put(row.upload_key, file.content, row.mime_type);
      media.push(row);
    }
  }
  const thread = await threadsRepository(ctx.db).findVisible(reply.author, reply.threadId);
  if (!thread) throw new Error('thread vanished while the mail was received');
  try {
    const written = await ctx.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto('inbound_mail')
        .values({
          message_key: reply.messageKey,
          user_id: reply.author.id,
          thread_id: reply.threadId,
          post_id: null,
          received_at: now,
        })
        .onConflict((oc) => oc.column('message_key').doNothing())
        .executeTakeFirst();
      // The same message arriving twice at once: the other delivery is posting it.
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) throw new AlreadyReceived();
      for (const row of media) await trx.insertInto('media').values(row).execute();
      const result = await writePost(
        trx,
        thread,
        reply.author,
        {
          body: asMarkdown(reply.text),
          expectation: { kind: 'fyi' },
          mediaIds: media.map((m) => m.id),
          via: 'email',
        },
        now,
      );
      for (const file of files) {
        await trx
          .insertInto('post_files')
          .values({
            id: file.id,
            post_id: result.post.id,
            name: file.name,
            mime_type: file.mimeType,
            size_bytes: file.size,
            blob_key: file.key,
            created_at: now,
          })
          .execute();
      }
      await trx
        .updateTable('inbound_mail')
        .set({ post_id: result.post.id })
        .where('message_key', '=', reply.messageKey)
        .execute();
      await trx
        .updateTable('reply_addresses')
        .set({ last_used_at: now })
        .where('token_hash', '=', reply.tokenHash)
        .execute();
      for (const row of media) await enqueueFinalize({ ...ctx, db: trx }, row.id);
      return result;
    });
    await publishAll(ctx, [
      {
        userIds: written.inboxChanged,
        event: { type: 'post.created', threadId: reply.threadId, postId: written.post.id },
      },
      { userIds: written.inboxChanged, event: { type: 'inbox.changed', threadId: reply.threadId } },
      ...media.map((m) => ({
        userIds: [reply.author.id],
        event: { type: 'media.updated' as const, mediaId: m.id },
      })),
    ]);
    return written.post.id;
  } catch (error) {
    const keys = [...media.map((m) => m.upload_key), ...files.map((f) => f.key)];
    await Promise.all(keys.map((key) => ctx.blobs.delete(key).catch(() => undefined)));
    if (error instanceof AlreadyReceived) return null;
    throw error;
  }
}
