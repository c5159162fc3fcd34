import type { ExpectationKind } from '../../db/schema';

/** One post as an email shows it: in a digest, a notification or a reminder. */
export interface EmailItem {
  threadId: string;
  postId: string;
  subject: string;
  senderName: string;
  expectation: ExpectationKind;
  dueAt: number | null;
  /** The first lines of the text (or, later, the transcript), plain text. */
  excerpt: string;
  /** Absolute URL of a poster image for a video, when the post has one. */
  posterUrl: string | null;
  /** Absolute URL that opens the post in its thread. */
  url: string;
  /** reply+<token> address for this person and thread, shown as "Reply by email" in digests. */
  replyAddress?: string | undefined;
}

export interface EmailRecipient {
  name: string;
  email: string;
  timeZone: string;
}

/** Links every email carries: a one-click way out and a way to change preferences. */
export interface EmailLinks {
  preferencesUrl: string;
  /** One-click unsubscribe (RFC 8058): POST to it stops this kind of email. */
  unsubscribeUrl: string;
}

export interface DigestEmailInput extends EmailLinks {
  recipient: EmailRecipient;
  /** Grouped as in the inbox. */
  needsReply: EmailItem[];
  updates: EmailItem[];
  /** When the digest was built, to word "this morning's digest" in the recipient's zone. */
  at: number;
  /** Reply-To when every item is from one thread (a reply then lands there). */
  replyTo?: string | undefined;
}

/** `no_answer`: the sender's own "remind me if nobody answers by …" came due. */
export type NotificationReason = 'urgent' | 'reminder' | 'overdue' | 'no_answer' | 'mention' | 'scheduled';

export interface NotificationEmailInput extends EmailLinks {
  recipient: EmailRecipient;
  reason: NotificationReason;
  item: EmailItem;
  /** Message-ID of an earlier email about the same thread, for In-Reply-To/References. */
  threadMessageId?: string;
  /** reply+<token> address: replying to the email answers in the thread. */
  replyTo?: string | undefined;
}

/**
 * The kinds of email a person can turn off one by one: the keys of their delivery preferences'
 * `channels` (the unsubscribe token names one). Several reasons share a kind, see emailKindOf.
 */
export type EmailKind = 'digest' | 'urgent' | 'reminder' | 'mention';
export const EMAIL_KINDS: readonly EmailKind[] = ['digest', 'urgent', 'reminder', 'mention'];

/** Which preference switch governs an email sent for `reason`. */
export function emailKindOf(reason: NotificationReason | 'digest'): EmailKind {
  switch (reason) {
    case 'digest':
    case 'urgent':
    case 'mention':
    case 'reminder':
      return reason;
    case 'overdue':
    case 'no_answer':
    case 'scheduled':
      return 'reminder';
  }
}

/**
 * A rendered email: everything `ctx.mail.send` needs except the address, so
 * `ctx.mail.send({ to: recipient.email, ...rendered })` sends it.
 */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** List-Unsubscribe, List-Unsubscribe-Post, Auto-Submitted. */
  headers: Record<string, string>;
  /** Stable for the same input, so a retried send is recognisable (and one outbox file). */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
}
