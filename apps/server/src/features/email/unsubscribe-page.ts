import type { EmailKind } from './email.types';
import { escapeHtml } from './format';
import { PREFERENCES_PATH, UNSUBSCRIBE_PATH } from './signed-links';

/**
 * The small pages behind the unsubscribe link. Plain HTML with no script or inline style, so the
 * strict Content-Security-Policy holds. GET only shows a button: link scanners in mail systems
 * fetch links, and a fetch must never unsubscribe anyone (RFC 8058).
 */

const KIND_NAMES: Record<EmailKind, string> = {
  digest: 'digest emails',
  urgent: 'emails about urgent posts',
  reminder: 'reminder emails',
  mention: 'emails when someone mentions you',
};

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Tidings</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export function confirmPage(input: {
  token: string;
  email: string;
  kind: EmailKind;
  alreadyOff: boolean;
}): string {
  const what = KIND_NAMES[input.kind];
  if (input.alreadyOff) return donePage(input);
  const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(input.token)}`;
  return page(
    `Stop ${what}?`,
    `<p>Tidings will stop sending ${escapeHtml(what)} to ${escapeHtml(input.email)}. You will still see everything in the app.</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Stop ${escapeHtml(what)}</button>
</form>
<p><a href="${PREFERENCES_PATH}">Choose in detail when and how you are notified</a></p>`,
  );
}

export function donePage(input: { email: string; kind: EmailKind }): string {
  const what = KIND_NAMES[input.kind];
  return page(
    'You are unsubscribed',
    `<p>Tidings no longer sends ${escapeHtml(what)} to ${escapeHtml(input.email)}.</p>
<p><a href="${PREFERENCES_PATH}">Turn them back on, or change when you are notified</a></p>`,
  );
}

export function errorPage(message: string): string {
  return page(
    'This link does not work',
    `<p>${escapeHtml(message)}</p>
<p><a href="${PREFERENCES_PATH}">Change your email settings in Tidings</a></p>`,
  );
}
