import { createHash } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import {
  type InboundMailHandler,
  type ReceivedMessage,
  SmtpRefusal,
} from '../../adapters/mail-in/smtp-listener';
import type { AppContext } from '../../context';
import type { UserRow } from '../../db/schema';
import { networkMatcher } from '../../lib/networks';
import { threadsRepository } from '../threads/threads.repository';
import { automaticReason } from './auto-reply';
import { connectionLimits } from './connection-limits';
import { postEmailedReply } from './post-emailed-reply';
import { recipientLimits } from './recipient-limits';
import { findReplyAddress, replyTokenOf } from './reply-addresses';
import { replyText } from './reply-text';

const refuse = {
  unknownAddress: () => new SmtpRefusal(550, '5.1.1 No such reply address'),
  wrongSender: () =>
    new SmtpRefusal(550, '5.7.1 This reply address belongs to someone else; reply from your own address'),
  noAccess: () => new SmtpRefusal(550, '5.7.1 You can no longer reply to this conversation'),
};

interface Replier {
  person: UserRow;
  threadId: string;
  tokenHash: string;
}

const sameAddress = (a: string | undefined, b: string) =>
  (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Reply by email: who a reply+<token> address stands for, whether they may still write to the
 * thread, and turning an accepted message into a post. Every refusal is an SMTP error and
 * nothing is posted; automatic mail is accepted and dropped. Per-client and per-address limits
 * (connection-limits.ts, recipient-limits.ts) keep a flood or a token guesser slow.
 */
export function inboundMailService(ctx: AppContext): InboundMailHandler {
  const domain = ctx.config.inboundMail.replyDomain.toLowerCase();
  const { limits: settings } = ctx.config.inboundMail;
  const isTrusted = networkMatcher(settings.trustedNetworks);
  const connections = connectionLimits({
    perIp: settings.connectionsPerIp,
    perMinute: settings.connectionsPerMinute,
    isTrusted,
    now: ctx.now,
    log: ctx.log,
  });
  const limits = recipientLimits(ctx, isTrusted);

  async function replierFor(address: string): Promise<Replier> {
    const at = address.lastIndexOf('@');
    const token = replyTokenOf(address);
    if (!token || address.slice(at + 1).toLowerCase() !== domain) throw refuse.unknownAddress();
    const row = await findReplyAddress(ctx, token);
    const person =
      row && (await ctx.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirst());
    if (!row || !person) throw refuse.unknownAddress();
    return { person, threadId: row.thread_id, tokenHash: row.token_hash };
  }

  /** Seeing the thread is the rule; an outsider also needs a link to it that was not revoked. */
  async function assertMayReply({ person, threadId }: Replier): Promise<void> {
    if (!(await threadsRepository(ctx.db).canSee(person, threadId))) throw refuse.noAccess();
    if (person.role !== 'external') return;
    const link = await ctx.db
      .selectFrom('external_links')
      .select('id')
      .where('user_id', '=', person.id)
      .where('thread_id', '=', threadId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!link) throw refuse.noAccess();
  }

  return {
    acceptConnection: (remoteAddress) => connections.admit(remoteAddress),

    async acceptRecipient(address, envelopeFrom, remoteAddress) {
      await limits.assertMayTryRecipient(remoteAddress);
      let replier: Replier;
      try {
        replier = await replierFor(address);
        // The null sender (bounces) is let through to DATA, where it is recognised and dropped.
        if (envelopeFrom !== '' && !sameAddress(envelopeFrom, replier.person.email))
          throw refuse.wrongSender();
      } catch (error) {
        // Unknown tokens and someone else's address are what a guesser produces: count them.
        if (error instanceof SmtpRefusal) await limits.recipientRefused(remoteAddress);
        throw error;
      }
      await assertMayReply(replier);
      await limits.assertMayReceive(replier.tokenHash);
    },

    async receive(message: ReceivedMessage) {
      const [recipient] = message.recipients;
      if (!recipient) throw refuse.unknownAddress();
      const replier = await replierFor(recipient);
      const mail = await simpleParser(message.raw, {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipImageLinks: true,
        skipTextLinks: true,
        keepCidLinks: true,
      });
      const log = ctx.log.child({
        userId: replier.person.id,
        threadId: replier.threadId,
        messageId: mail.messageId,
      });
      const automatic = automaticReason(signalsOf(mail, message.envelopeFrom));
      if (automatic) {
        log.info({ reason: automatic }, 'inbound mail: automatic message accepted and dropped');
        return;
      }
      const fromHeader = mail.from?.value[0]?.address;
      if (
        !sameAddress(message.envelopeFrom, replier.person.email) ||
        !sameAddress(fromHeader, replier.person.email)
      ) {
        throw refuse.wrongSender();
      }
      await assertMayReply(replier);

      const messageKey = mail.messageId?.trim() || createHash('sha256').update(message.raw).digest('hex');
      const seen = await ctx.db
        .selectFrom('inbound_mail')
        .select('post_id')
        .where('message_key', '=', messageKey)
        .executeTakeFirst();
      if (seen) {
        log.info({ postId: seen.post_id }, 'inbound mail: already received, nothing posted again');
        return;
      }
      const text = replyText({ text: mail.text, html: mail.html });
      const attachments = mail.attachments.filter((a) => !a.related && a.content.length > 0);
      if (text === '' && attachments.length === 0) {
        log.info('inbound mail: no new text and no attachment, nothing posted');
        return;
      }
      // Checked again here: messages to one address may have passed RCPT on several connections.
      await limits.assertMayReceive(replier.tokenHash);
      const posted = await postEmailedReply(ctx, {
        author: replier.person,
        threadId: replier.threadId,
        tokenHash: replier.tokenHash,
        messageKey,
        text,
        attachments,
      });
      if (posted) await limits.posted(replier.tokenHash);
      log.info(
        { postId: posted ?? undefined },
        posted ? 'inbound mail: reply posted' : 'inbound mail: duplicate',
      );
    },
  };
}

function signalsOf(mail: ParsedMail, envelopeFrom: string) {
  const contentType = mail.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;
  return {
    envelopeFrom,
    subject: mail.subject ?? '',
    header: (name: string) => {
      const value = mail.headers.get(name);
      if (value === undefined) return undefined;
      return typeof value === 'string' ? value : ((value as { value?: string }).value ?? String(value));
    },
    contentType: (contentType?.value ?? '').toLowerCase(),
    reportType: contentType?.params?.['report-type'],
  };
}
