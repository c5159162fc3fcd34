import type { EmailItem } from './email.types';
import { escapeHtml, excerptOf, expectationLabel, safeUrl } from './format';

/**
 * HTML pieces of our emails: table layout and inline styles only (what Gmail, Outlook and Apple
 * Mail all honour), no external resources except a video's poster, no tracking. Every value
 * from users is escaped here.
 */
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const INK = '#1f2328';
const MUTED = '#59636e';
const ACCENT = '#0b57d0';

export interface LayoutInput {
  title: string;
  /** Shown by mail clients beside the subject in the list; hidden in the body. */
  preheader: string;
  body: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
  unsubscribeLabel: string;
  /** "Reply to this email to answer in the thread", when replying does that. */
  replyHint?: string | undefined;
}

export function htmlLayout(input: LayoutInput): string {
  const prefs = escapeHtml(safeUrl(input.preferencesUrl) ?? '#');
  const unsub = escapeHtml(safeUrl(input.unsubscribeUrl) ?? '#');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;color:#f4f5f7;">${escapeHtml(input.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border-radius:12px;">
<tr><td style="padding:28px 32px 8px 32px;font-family:${FONT};color:${INK};">
${input.body}
</td></tr>
<tr><td style="padding:16px 32px 28px 32px;font-family:${FONT};font-size:13px;line-height:20px;color:${MUTED};border-top:1px solid #e6e8eb;">
${input.replyHint ? `<p style="margin:0 0 6px 0;color:${INK};">${escapeHtml(input.replyHint)}</p>\n` : ''}<p style="margin:0 0 6px 0;">Sent by Tidings on your schedule.</p>
<p style="margin:0;"><a href="${prefs}" style="color:${MUTED};text-decoration:underline;">Change when and how you are notified</a> · <a href="${unsub}" style="color:${MUTED};text-decoration:underline;">${escapeHtml(input.unsubscribeLabel)}</a></p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

export function headingHtml(text: string): string {
  return `<h1 style="margin:0 0 16px 0;font-size:22px;line-height:28px;font-weight:700;color:${INK};">${escapeHtml(text)}</h1>`;
}

export function paragraphHtml(text: string): string {
  return `<p style="margin:0 0 16px 0;font-size:15px;line-height:22px;color:${INK};">${escapeHtml(text)}</p>`;
}

export function sectionHtml(title: string, items: EmailItem[], timeZone: string): string {
  if (items.length === 0) return '';
  return `<h2 style="margin:24px 0 8px 0;font-size:13px;line-height:18px;font-weight:700;letter-spacing:0.06em;text-transform:uppercase;color:${MUTED};">${escapeHtml(title)} (${items.length})</h2>
${items.map((item) => itemHtml(item, timeZone)).join('\n')}`;
}

/** One post: subject (linked), sender, expectation and due date, excerpt, poster, a button. */
export function itemHtml(item: EmailItem, timeZone: string): string {
  const url = escapeHtml(safeUrl(item.url) ?? '#');
  const poster = safeUrl(item.posterUrl);
  const urgent = item.expectation === 'urgent';
  const badgeColor = urgent ? '#b42318' : item.dueAt !== null ? '#8a4b00' : MUTED;
  const excerpt = excerptOf(item.excerpt);
  const posterHtml = poster
    ? `<a href="${url}" style="display:block;margin:8px 0 12px 0;"><img src="${escapeHtml(poster)}" width="536" alt="${escapeHtml(`Video from ${item.senderName}: ${item.subject}`)}" style="display:block;width:100%;max-width:536px;height:auto;border:0;border-radius:8px;"></a>`
    : '';
  const excerptHtml = excerpt
    ? `<p style="margin:0 0 12px 0;font-size:15px;line-height:22px;color:${INK};white-space:pre-line;">${escapeHtml(excerpt)}</p>`
    : '';
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 12px 0;border:1px solid #e6e8eb;border-radius:10px;">
<tr><td style="padding:16px 18px;font-family:${FONT};">
<p style="margin:0 0 4px 0;font-size:17px;line-height:24px;font-weight:600;"><a href="${url}" style="color:${INK};text-decoration:none;">${escapeHtml(item.subject)}</a></p>
<p style="margin:0 0 10px 0;font-size:14px;line-height:20px;color:${MUTED};">From ${escapeHtml(item.senderName)} · <strong style="color:${badgeColor};font-weight:600;">${escapeHtml(expectationLabel(item.expectation, item.dueAt, timeZone))}</strong></p>
${posterHtml}${excerptHtml}<a href="${url}" style="display:inline-block;padding:8px 14px;border-radius:6px;background-color:${ACCENT};color:#ffffff;font-size:14px;font-weight:600;text-decoration:none;">${poster ? 'Watch and reply' : 'Open thread'}</a>${replyLinkHtml(item)}
</td></tr>
</table>`;
}

/** A mailto: link to the item's reply address (digests mix threads, so each item has its own). */
function replyLinkHtml(item: EmailItem): string {
  if (!item.replyAddress) return '';
  const href = escapeHtml(`mailto:${item.replyAddress}?subject=${encodeURIComponent(`Re: ${item.subject}`)}`);
  return ` <a href="${href}" style="margin-left:12px;color:${ACCENT};font-size:14px;">Reply by email</a>`;
}

/** The same item as plain text, for the text/plain part. */
export function itemText(item: EmailItem, timeZone: string): string {
  const lines = [
    `* ${item.subject}`,
    `  From ${item.senderName} · ${expectationLabel(item.expectation, item.dueAt, timeZone)}`,
  ];
  const excerpt = excerptOf(item.excerpt);
  if (excerpt) lines.push(...excerpt.split('\n').map((l) => `  ${l}`));
  if (safeUrl(item.posterUrl)) lines.push('  (video message)');
  lines.push(`  ${safeUrl(item.url) ?? ''}`);
  if (item.replyAddress) lines.push(`  Reply by email: ${item.replyAddress}`);
  return lines.join('\n');
}

export function textFooter(
  preferencesUrl: string,
  unsubscribeUrl: string,
  unsubscribeLabel: string,
  replyHint?: string,
): string {
  return [
    '--',
    ...(replyHint ? [replyHint] : []),
    'Sent by Tidings on your schedule.',
    `Change when and how you are notified: ${preferencesUrl}`,
    `${unsubscribeLabel}: ${unsubscribeUrl}`,
  ].join('\n');
}
