import type { AppContext } from '../../context';
import type { NotificationRow } from '../../db/schema';
import { renderOutsiderEmail } from '../email/outsider-template';
import { recordingsOf, textOrTranscript } from '../email/post-text';
import { mintReplyAddress } from '../inbound-mail/reply-addresses';
import { emailPosterUrl } from '../outsiders/email-poster';
import { outsidersRepository } from '../outsiders/outsiders.repository';
import { mintPrivateLink } from '../outsiders/outsiders.service';
import { findPeople } from '../threads/people';
import type { ItemRow } from './deliver';
import { deliveryRepository } from './delivery.repository';

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
  const recording = (await recordingsOf(ctx.db, [item.id])).get(item.id);
  const thread = await ctx.db
    .selectFrom('threads')
    .select('created_by')
    .where('id', '=', n.thread_id)
    .executeTakeFirst();
  const rendered = renderOutsiderEmail({
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
    linkUrl: await mintPrivateLink(ctx, person.id, n.thread_id, thread?.created_by ?? n.user_id),
    replyTo: await mintReplyAddress(ctx, person.id, n.thread_id),
    idleDays: await outsiders.idleDays(),
    host: new URL(ctx.config.publicUrl).hostname || 'tidings.invalid',
  });
  try {
    await ctx.mail.send({ to: person.email, ...rendered, date: n.deliver_at });
  } catch (error) {
    await repo.markFailed([n.id], `failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  await repo.markDelivered([n.id], ctx.now());
}
