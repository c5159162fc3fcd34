import type { AppContext } from '../../context';
import type { NotificationRow, UserRow } from '../../db/schema';
import type { RenderedEmail } from '../email/email.types';
import { type AddedToThread, renderOutsiderEmail } from '../email/outsider-template';
import { recordingsOf, textOrTranscript } from '../email/post-text';
import { mintReplyAddress } from '../inbound-mail/reply-addresses';
import { emailPosterUrl } from '../outsiders/email-poster';
import { outsidersRepository } from '../outsiders/outsiders.repository';
import { mintPrivateLink } from '../outsiders/outsiders.service';
import { findPeople } from '../threads/people';
import type { ItemRow } from './deliver';
import { deliveryRepository } from './delivery.repository';

type Person = Pick<UserRow, 'id' | 'name' | 'email' | 'time_zone'>;

/** The outsider email for one post (its text or transcript, poster, a fresh private link, Reply-To). */
async function renderFor(
  ctx: AppContext,
  person: Person,
  threadId: string,
  item: ItemRow,
  added?: AddedToThread,
): Promise<RenderedEmail> {
  const recording = (await recordingsOf(ctx.db, [item.id])).get(item.id);
  const thread = await ctx.db
    .selectFrom('threads')
    .select('created_by')
    .where('id', '=', threadId)
    .executeTakeFirst();
  return renderOutsiderEmail({
    recipient: { name: person.name, email: person.email, timeZone: person.time_zone },
    threadId: item.thread_id,
    postId: item.id,
    subject: item.subject,
    senderName: item.author_name,
    expectation: item.expectation,
    dueAt: item.due_at,
    text: textOrTranscript(item.body_text, recording),
    recording: recording
      ? {
          kind: recording.kind,
          posterUrl: recording.hasPoster ? await emailPosterUrl(ctx, recording.mediaId) : null,
        }
      : null,
    linkUrl: await mintPrivateLink(ctx, person.id, threadId, thread?.created_by ?? person.id),
    replyTo: await mintReplyAddress(ctx, person.id, threadId),
    idleDays: await outsidersRepository(ctx.db).idleDays(),
    host: new URL(ctx.config.publicUrl).hostname || 'tidings.invalid',
    added,
  });
}

/**
 * Emails one post to an outsider: the whole text (or the transcript), a poster opening the
 * recording, a private link minted for this email (only its hash is stored, so a fresh one each
 * time; older ones keep working until revoked or idle) and a Reply-To into the thread.
 */
export async function sendToOutsider(ctx: AppContext, n: NotificationRow, item: ItemRow): Promise<void> {
  const repo = deliveryRepository(ctx.db);
  const outsiders = outsidersRepository(ctx.db);
  const person = (await findPeople(ctx.db, [n.user_id])).get(n.user_id);
  // Revoked since the post was written: they are no longer addressed, so nothing goes out.
  if (!person || !(await outsiders.isAddressed(n.thread_id, n.user_id))) {
    await repo.markSkipped([n.id], 'no longer addressed');
    return;
  }
  const rendered = await renderFor(ctx, person, n.thread_id, item);
  try {
    await ctx.mail.send({ to: person.email, ...rendered, date: n.deliver_at });
  } catch (error) {
    await repo.markFailed([n.id], `failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  await repo.markDelivered([n.id], ctx.now());
}

/**
 * The thread so far, for an outsider added after it began: the latest post as any outsider
 * email shows it, with the opening post above it and how many lie between. Nothing when they
 * were taken off again meanwhile or the thread has no live post. Throws on a mail failure (the
 * job retries); the Message-ID is derived from `key`, so a retry after sending is one email.
 */
export async function sendThreadSoFar(
  ctx: AppContext,
  added: { userId: string; threadId: string; addedBy: string; key: string },
): Promise<'sent' | 'skipped'> {
  const people = await findPeople(ctx.db, [added.userId, added.addedBy]);
  const person = people.get(added.userId);
  if (!person || !(await outsidersRepository(ctx.db).isAddressed(added.threadId, added.userId))) {
    return 'skipped';
  }
  const posts = await ctx.db
    .selectFrom('posts')
    .select('id')
    .where('thread_id', '=', added.threadId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const first = posts[0];
  const last = posts.at(-1);
  if (!first || !last) return 'skipped';
  const items = new Map(
    (await deliveryRepository(ctx.db).itemsOf([first.id, last.id])).map((i) => [i.id, i]),
  );
  const latest = items.get(last.id);
  const opening = first.id === last.id ? undefined : items.get(first.id);
  if (!latest) return 'skipped';
  const openingText = opening
    ? textOrTranscript(opening.body_text, (await recordingsOf(ctx.db, [opening.id])).get(opening.id))
    : null;
  const rendered = await renderFor(ctx, person, added.threadId, latest, {
    byName: people.get(added.addedBy)?.name ?? 'Someone',
    opening: opening && openingText !== null ? { senderName: opening.author_name, text: openingText } : null,
    between: Math.max(0, posts.length - 2),
    key: added.key,
  });
  await ctx.mail.send({ to: person.email, ...rendered, date: ctx.now() });
  return 'sent';
}
