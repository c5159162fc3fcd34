import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMail } from './mail-transport';

/**
 * Builds the RFC 5322 message once, so the SMTP transport and the outbox write byte-for-byte the
 * same thing (what an admin reads in the outbox is what SMTP would have sent).
 */
export function composeMessage(mail: OutgoingMail, from: string): Promise<Buffer> {
  const composer = new MailComposer({
    from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    headers: mail.headers,
    date: mail.date === undefined ? undefined : new Date(mail.date),
    // Our content is always strings; never let a value be read as a file path or URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

/** The bare address of a From value like `Tidings <tidings@example.com>`, for the envelope. */
export function envelopeAddress(from: string): string {
  const match = /<([^>]+)>\s*$/.exec(from);
  return (match?.[1] ?? from).trim();
}
