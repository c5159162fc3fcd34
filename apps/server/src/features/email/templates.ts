import { createHash } from 'node:crypto';
import type {
  DigestEmailInput,
  EmailItem,
  EmailLinks,
  NotificationEmailInput,
  NotificationReason,
  RenderedEmail,
} from './email.types';
import { expectationLabel, formatLocalTime, headerSafe } from './format';
import {
  headingHtml,
  htmlLayout,
  itemHtml,
  itemText,
  paragraphHtml,
  sectionHtml,
  textFooter,
} from './layout';

/**
 * Digest and notification emails, rendered to HTML and plain text with the headers mail clients
 * need: one-click unsubscribe (RFC 8058), and Message-ID/In-Reply-To/References so every email
 * about a thread lands in one conversation. Pure functions: same input, same email.
 */

export function renderDigestEmail(input: DigestEmailInput): RenderedEmail {
  const { recipient, needsReply, updates } = input;
  const zone = recipient.timeZone;
  const counts = [
    needsReply.length > 0 ? `${needsReply.length} need${needsReply.length === 1 ? 's' : ''} your reply` : '',
    updates.length > 0 ? `${updates.length} update${updates.length === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const summary = counts.length > 0 ? counts.join(', ') : 'nothing new';
  const subject = `Your Tidings digest: ${summary}`;
  const when = formatLocalTime(input.at, zone);
  const greeting = `Hi ${firstName(recipient.name)}, here is what came in for you (as of ${when}).`;
  const unsubscribeLabel = 'Stop digest emails';

  const body = [
    headingHtml('Your digest'),
    paragraphHtml(greeting),
    sectionHtml('Needs your reply', needsReply, zone),
    sectionHtml('Updates', updates, zone),
  ].join('\n');
  const replyHint = input.replyTo ? REPLY_HINT : undefined;
  const html = htmlLayout({
    title: subject,
    preheader: preheaderOf(needsReply, updates),
    body,
    preferencesUrl: input.preferencesUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    unsubscribeLabel,
    replyHint,
  });
  const text = [
    `Your digest — ${summary}`,
    '',
    greeting,
    textSection('NEEDS YOUR REPLY', needsReply, zone),
    textSection('UPDATES', updates, zone),
    '',
    textFooter(input.preferencesUrl, input.unsubscribeUrl, unsubscribeLabel, replyHint),
    '',
  ]
    .filter((part) => part !== null)
    .join('\n');

  const host = hostOf(input);
  return {
    subject,
    html,
    text,
    headers: standardHeaders(input),
    messageId: `<digest-${shortHash(recipient.email)}-${input.at}@${host}>`,
    ...(input.replyTo && { replyTo: input.replyTo }),
  };
}

export function renderNotificationEmail(input: NotificationEmailInput): RenderedEmail {
  const { recipient, item, reason } = input;
  const zone = recipient.timeZone;
  const threadSubject = headerSafe(item.subject) || '(no subject)';
  const intro = introFor(reason, item, zone);
  const unsubscribeLabel = UNSUBSCRIBE_LABELS[reason];
  const subject = reason === 'urgent' ? `Urgent: ${threadSubject}` : threadSubject;
  const replyHint = input.replyTo ? REPLY_HINT : undefined;
  const html = htmlLayout({
    title: subject,
    preheader: intro,
    body: [paragraphHtml(intro), itemHtml(item, zone)].join('\n'),
    preferencesUrl: input.preferencesUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    unsubscribeLabel,
    replyHint,
  });
  const text = [
    intro,
    '',
    itemText(item, zone),
    '',
    textFooter(input.preferencesUrl, input.unsubscribeUrl, unsubscribeLabel, replyHint),
    '',
  ].join('\n');

  const host = hostOf(input);
  const root = threadRootMessageId(item.threadId, host);
  const parent = input.threadMessageId ?? root;
  return {
    subject,
    html,
    text,
    headers: standardHeaders(input),
    messageId: `<${reason}-${item.postId}-${shortHash(recipient.email)}@${host}>`,
    inReplyTo: parent,
    references: parent === root ? [root] : [root, parent],
    ...(input.replyTo && { replyTo: input.replyTo }),
  };
}

/**
 * The Message-ID every email about a thread refers to as its root. It is never sent itself;
 * pointing at the same root is enough for Gmail, Apple Mail and Thunderbird to group the emails.
 */
export function threadRootMessageId(threadId: string, host: string): string {
  return `<thread-${threadId}@${host}>`;
}

export const REPLY_HINT = 'Reply to this email to answer in the thread.';

const UNSUBSCRIBE_LABELS: Record<NotificationReason, string> = {
  urgent: 'Stop urgent emails',
  reminder: 'Stop reminder emails',
  overdue: 'Stop reminder emails',
  no_answer: 'Stop reminder emails',
  mention: 'Stop mention emails',
  scheduled: 'Stop reminder emails',
};

function introFor(reason: NotificationReason, item: EmailItem, zone: string): string {
  const due = item.dueAt === null ? null : formatLocalTime(item.dueAt, zone);
  switch (reason) {
    case 'urgent':
      return `${item.senderName} marked this urgent and needs an answer now.`;
    case 'reminder':
      return due
        ? `A reminder: ${item.senderName} asked for an answer by ${due}.`
        : `A reminder: ${item.senderName} is waiting for your answer.`;
    case 'overdue':
      return due ? `Your ask was due ${due} and is still unanswered.` : 'Your ask is still unanswered.';
    case 'no_answer':
      return due ? `Nobody has answered yet; you asked for an answer by ${due}.` : 'Nobody has answered yet.';
    case 'mention':
      return `${item.senderName} mentioned you.`;
    case 'scheduled':
      return `${item.senderName} sent you a message. ${expectationLabel(item.expectation, item.dueAt, zone)}.`;
  }
}

function standardHeaders(links: EmailLinks): Record<string, string> {
  return {
    'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    // Out-of-office responders should not answer a machine.
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'OOF, AutoReply',
  };
}

function textSection(title: string, items: EmailItem[], zone: string): string | null {
  if (items.length === 0) return null;
  return ['', `${title} (${items.length})`, '', items.map((item) => itemText(item, zone)).join('\n\n')].join(
    '\n',
  );
}

function preheaderOf(needsReply: EmailItem[], updates: EmailItem[]): string {
  const first = needsReply[0] ?? updates[0];
  return first ? `${first.senderName}: ${first.subject}` : 'Nothing new since the last digest.';
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || 'there';
}

/** The host part of our Message-IDs: PUBLIC_URL's host, which every link in the email carries. */
function hostOf(links: EmailLinks): string {
  try {
    return new URL(links.preferencesUrl).hostname || 'tidings.invalid';
  } catch {
    return 'tidings.invalid';
  }
}

function shortHash(value: string): string {
  return createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 16);
}
