import { createHash } from 'node:crypto';
import type { ExpectationKind } from '../../db/schema';
import type { RenderedEmail } from './email.types';
import { escapeHtml, expectationLabel, headerSafe, safeUrl } from './format';
import { paragraphHtml } from './layout';
import { REPLY_HINT, threadRootMessageId } from './templates';

/** One post as an outsider's email shows it: all of it, since they have no inbox to go to. */
export interface OutsiderEmailInput {
  recipient: { name: string; email: string; timeZone: string };
  threadId: string;
  postId: string;
  subject: string;
  senderName: string;
  expectation: ExpectationKind;
  dueAt: number | null;
  /** The post's text, or its transcript for a recording. */
  text: string;
  recording: { kind: 'video' | 'audio'; posterUrl: string | null } | null;
  /** Their private link (minted for this email). */
  linkUrl: string;
  replyTo: string;
  idleDays: number;
  host: string;
  /** Set when they were added to a thread already under way: who added them, and how it began. */
  added?: AddedToThread | undefined;
}

/** The thread so far, for someone added after it began: its opening post, then the latest. */
export interface AddedToThread {
  byName: string;
  /** The opening post, when it is not the latest one. */
  opening: { senderName: string; text: string } | null;
  /** How many posts lie between the opening and the latest (read them through the link). */
  between: number;
  /** Distinguishes this email from the one for the same post (Message-ID), e.g. when added. */
  key: string;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const MAX_TEXT_CHARS = 20_000;

/**
 * The email an outsider gets for a post: the text (or transcript), a poster that opens the
 * recording through their private link, the link itself, and Reply-To into the thread.
 * No unsubscribe-to-preferences link (they have no account), no tracking.
 */
export function renderOutsiderEmail(input: OutsiderEmailInput): RenderedEmail {
  const subject = headerSafe(input.subject) || '(no subject)';
  const what =
    input.recording?.kind === 'video'
      ? 'a video message'
      : input.recording?.kind === 'audio'
        ? 'a voice note'
        : 'a message';
  const ask = expectationLabel(input.expectation, input.dueAt, input.recipient.timeZone);
  const added = input.added;
  const intro = added
    ? `${added.byName} added you to this conversation. The latest, from ${input.senderName}: ${what}. ${ask}.`
    : `${input.senderName} sent you ${what}. ${ask}.`;
  const clip = (s: string) => (s.length > MAX_TEXT_CHARS ? `${s.slice(0, MAX_TEXT_CHARS)}…` : s);
  const text = clip(input.text);
  const n = added?.between ?? 0;
  const between =
    n > 0 ? `${n} more ${n === 1 ? 'message' : 'messages'} in between; open the thread to read them.` : '';
  const opening = added?.opening
    ? { heading: `It began with ${added.opening.senderName}:`, text: clip(added.opening.text) }
    : null;
  const atPost = `${input.linkUrl}#post-${input.postId}`;
  const link = escapeHtml(safeUrl(atPost) ?? '#');
  const poster = safeUrl(input.recording?.posterUrl);
  const lifetime = `This private link is yours alone; it stops working after ${input.idleDays} days without use, and the sender can turn it off.`;

  const posterHtml = poster
    ? `<a href="${link}" style="display:block;margin:0 0 16px 0;"><img src="${escapeHtml(poster)}" width="536" alt="${escapeHtml(`Play the recording from ${input.senderName}`)}" style="display:block;width:100%;max-width:536px;height:auto;border:0;border-radius:8px;"></a>`
    : '';
  const label = input.recording
    ? input.recording.kind === 'video'
      ? 'Watch and reply'
      : 'Listen and reply'
    : 'Open and reply';
  const textLabel = input.recording
    ? '<p style="margin:0 0 4px 0;font-size:13px;color:#59636e;">Transcript</p>'
    : '';
  const openingHtml = opening
    ? `<p style="margin:0 0 4px 0;font-size:13px;color:#59636e;">${escapeHtml(opening.heading)}</p>
<blockquote style="margin:0 0 16px 0;padding:0 0 0 12px;border-left:3px solid #d0d7de;font-size:15px;line-height:22px;white-space:pre-line;color:#1f2328;">${escapeHtml(opening.text)}</blockquote>
${between ? `<p style="margin:0 0 16px 0;font-size:13px;color:#59636e;">${escapeHtml(between)}</p>\n` : ''}`
    : '';
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border-radius:12px;">
<tr><td style="padding:28px 32px 8px 32px;font-family:${FONT};color:#1f2328;">
<h1 style="margin:0 0 12px 0;font-size:20px;line-height:26px;">${escapeHtml(subject)}</h1>
${paragraphHtml(intro)}
${openingHtml}${posterHtml}${textLabel}<p style="margin:0 0 16px 0;font-size:15px;line-height:22px;white-space:pre-line;">${escapeHtml(text)}</p>
<p style="margin:0 0 24px 0;"><a href="${link}" style="display:inline-block;padding:10px 16px;border-radius:6px;background-color:#0b57d0;color:#ffffff;font-size:15px;font-weight:600;text-decoration:none;">${label}</a></p>
</td></tr>
<tr><td style="padding:16px 32px 28px 32px;font-family:${FONT};font-size:13px;line-height:20px;color:#59636e;border-top:1px solid #e6e8eb;">
<p style="margin:0 0 6px 0;color:#1f2328;">${escapeHtml(REPLY_HINT)}</p>
<p style="margin:0;">${escapeHtml(lifetime)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  const plain = [
    intro,
    '',
    ...(opening ? [opening.heading, ...opening.text.split('\n').map((l) => `> ${l}`), ''] : []),
    ...(between ? [between, ''] : []),
    ...(input.recording ? ['Transcript:'] : []),
    text,
    '',
    `${label}: ${atPost}`,
    '',
    '--',
    REPLY_HINT,
    lifetime,
    '',
  ].join('\n');
  const root = threadRootMessageId(input.threadId, input.host);
  return {
    subject,
    html,
    text: plain,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
    messageId: `<outsider-${added ? `added-${added.key}` : input.postId}-${shortHash(input.recipient.email)}@${input.host}>`,
    inReplyTo: root,
    references: [root],
    replyTo: input.replyTo,
  };
}

const shortHash = (value: string) =>
  createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 16);
