import type { AppContext } from '../../context';
import type { NotificationRow } from '../../db/schema';
import {
  type EmailItem,
  type EmailRecipient,
  emailKindOf,
  type NotificationReason,
} from '../email/email.types';
import { excerptOf } from '../email/format';
import { type PostRecording, recordingsOf, textOrTranscript } from '../email/post-text';
import { emailLinks } from '../email/signed-links';
import { renderDigestEmail, renderNotificationEmail } from '../email/templates';
import { mintReplyAddress } from '../inbound-mail/reply-addresses';
import { emailPosterUrl } from '../outsiders/email-poster';
import { outsidersRepository } from '../outsiders/outsiders.repository';
import { sendToOutsider } from './deliver-to-outsider';
import { deliveryRepository } from './delivery.repository';

/**
 * Sending what the engine decided. Each send is idempotent: a row already delivered is left
 * alone, and the email's Message-ID is derived from the decision (the outbox keeps one file per
 * Message-ID), so a job re-run after a crash between sending and recording sends nothing new.
 * A failed send marks the rows failed with the reason and rethrows, so the job retries with backoff.
 */

export type ItemRow = Awaited<ReturnType<ReturnType<typeof deliveryRepository>['itemsOf']>>[number];

async function emailItem(
  ctx: AppContext,
  row: ItemRow,
  recording: PostRecording | undefined,
  replyAddress?: string,
): Promise<EmailItem> {
  return {
    threadId: row.thread_id,
    postId: row.id,
    subject: row.subject,
    senderName: row.author_name,
    expectation: row.expectation,
    dueAt: row.due_at,
    excerpt: excerptOf(textOrTranscript(row.body_text, recording)),
    posterUrl: recording?.hasPoster ? await emailPosterUrl(ctx, recording.mediaId) : null,
    url: `${ctx.config.publicUrl}/threads/${row.thread_id}#post-${row.id}`,
    replyAddress,
  };
}

const describeError = (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`;

/** Why a decided notification no longer needs to go out, or null when it still does. */
async function staleReason(
  ctx: AppContext,
  n: NotificationRow,
  item: ItemRow | undefined,
): Promise<string | null> {
  if (!item || item.deleted_at !== null) return 'the post was deleted';
  const repo = deliveryRepository(ctx.db);
  if (n.reason === 'urgent' || n.reason === 'reminder') {
    const open = await repo.openAsks(n.user_id, [n.post_id]);
    if (!open.has(n.post_id)) return 'already answered';
  }
  if (n.reason === 'overdue' || n.reason === 'no_answer') {
    const asks = await repo.asksOf(n.post_id);
    const answered = asks.filter((a) => a.answered_at !== null).length;
    if (n.reason === 'overdue' && answered === asks.length) return 'everyone answered in time';
    if (n.reason === 'no_answer' && answered > 0) return 'someone answered';
  }
  if (n.reason === 'mention' && (await repo.seenPosts(n.user_id, [n.post_id])).has(n.post_id)) {
    return 'read in the app';
  }
  return null;
}

/** The addressee, or null when they have since turned this kind of email off (or are gone). */
async function recipientOf(
  ctx: AppContext,
  userId: string,
  reason: NotificationReason | 'digest',
): Promise<EmailRecipient | null> {
  const person = (await deliveryRepository(ctx.db).preferencesOf([userId])).get(userId);
  if (!person?.preferences.channels[emailKindOf(reason)].email) return null;
  return { name: person.name, email: person.email, timeZone: person.preferences.timeZone };
}

/** Delivers one in-app or email notification (not digests). */
export async function sendNotification(ctx: AppContext, notificationId: string): Promise<void> {
  const repo = deliveryRepository(ctx.db);
  const n = await repo.find(notificationId);
  if (!n || n.delivered_at !== null || n.status === 'skipped' || n.channel === 'digest') return;
  const [item] = await repo.itemsOf([n.post_id]);
  const stale = await staleReason(ctx, n, item);
  if (stale || !item) {
    await repo.markSkipped([n.id], stale ?? 'the post was deleted');
    return;
  }
  if (
    n.channel === 'email' &&
    (await outsidersRepository(ctx.db).externalAmong([n.user_id])).has(n.user_id)
  ) {
    await sendToOutsider(ctx, n, item);
    return;
  }
  if (n.channel === 'in_app') {
    // The inbox already lists the post; the notice is what makes an open app look now.
    await repo.markDelivered([n.id], ctx.now());
    await ctx.live.publish([n.user_id], { type: 'inbox.changed', threadId: n.thread_id });
    return;
  }
  const reason = n.reason === 'digest' ? 'scheduled' : n.reason;
  const recipient = await recipientOf(ctx, n.user_id, reason);
  if (!recipient) {
    await repo.markSkipped([n.id], 'this kind of email was turned off');
    return;
  }
  const recordings = await recordingsOf(ctx.db, [item.id]);
  const rendered = renderNotificationEmail({
    ...(await emailLinks(ctx, n.user_id, reason)),
    recipient,
    reason,
    item: await emailItem(ctx, item, recordings.get(item.id)),
    replyTo: await mintReplyAddress(ctx, n.user_id, n.thread_id),
  });
  try {
    await ctx.mail.send({ to: recipient.email, ...rendered, date: n.deliver_at });
  } catch (error) {
    await repo.markFailed([n.id], describeError(error));
    throw error;
  }
  await repo.markDelivered([n.id], ctx.now());
}

/**
 * One person's digest: every due digest row, minus posts they already read in the app (those
 * are marked skipped), grouped as the inbox groups them; one email, or none when nothing is left.
 */
export async function sendDigest(ctx: AppContext, userId: string): Promise<'sent' | 'empty'> {
  const repo = deliveryRepository(ctx.db);
  const rows = await repo.dueDigestRows(userId, ctx.now());
  if (rows.length === 0) return 'empty';
  const postIds = [...new Set(rows.map((r) => r.post_id))];
  const [seen, items, open, recipient] = await Promise.all([
    repo.seenPosts(userId, postIds),
    repo.itemsOf(postIds),
    repo.openAsks(userId, postIds),
    recipientOf(ctx, userId, 'digest'),
  ]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const skip = rows.filter((r) => seen.has(r.post_id) || byId.get(r.post_id)?.deleted_at !== null);
  if (skip.length > 0)
    await repo.markSkipped(
      skip.map((r) => r.id),
      'read in the app before the digest',
    );
  const keep = rows.filter((r) => !skip.includes(r));
  if (keep.length > 0 && !recipient)
    await repo.markSkipped(
      keep.map((r) => r.id),
      'digest emails were turned off',
    );
  if (keep.length === 0 || !recipient) return 'empty';

  const threads = [...new Set(keep.map((r) => r.thread_id))];
  // One address per thread: Reply-To when the digest is about one thread, else per item.
  const replyAddresses = new Map<string, string>();
  for (const threadId of threads) replyAddresses.set(threadId, await mintReplyAddress(ctx, userId, threadId));
  const recordings = await recordingsOf(ctx.db, postIds);
  const shown: EmailItem[] = [];
  for (const r of keep) {
    const item = byId.get(r.post_id);
    if (!item) continue;
    const perItem = threads.length > 1 ? replyAddresses.get(item.thread_id) : undefined;
    shown.push(await emailItem(ctx, item, recordings.get(item.id), perItem));
  }
  const slot = Math.max(...keep.map((r) => r.deliver_at));
  const rendered = renderDigestEmail({
    ...(await emailLinks(ctx, userId, 'digest')),
    recipient,
    needsReply: shown.filter((i) => open.has(i.postId)),
    updates: shown.filter((i) => !open.has(i.postId)),
    at: slot,
    replyTo: threads.length === 1 && threads[0] ? replyAddresses.get(threads[0]) : undefined,
  });
  const ids = keep.map((r) => r.id);
  try {
    await ctx.mail.send({ to: recipient.email, ...rendered, date: slot });
  } catch (error) {
    await repo.markFailed(ids, describeError(error));
    throw error;
  }
  await repo.markDelivered(ids, ctx.now());
  return 'sent';
}
