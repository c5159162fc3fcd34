/**
 * The new text of an emailed reply: everything the person wrote above the quoted history, without
 * their signature — and, when they answered inline between quoted lines, those lines as markdown
 * quotes with the answers below them (reply-lines.ts). Pure (no I/O).
 */
import { replyFromLines } from './reply-lines';

/** Past this, nothing a person typed above the history is left to find. */
const MAX_TEXT = 512 * 1024;

const toLines = (text: string) => text.slice(0, MAX_TEXT).replace(/\r\n?/g, '\n').split('\n');

/** The new text of a plain-text reply. */
export function replyFromText(fullText: string): string {
  return replyFromLines(toLines(fullText)).text;
}

/** How much of an HTML-only mail is looked at (the reply is at its top). */
const MAX_HTML = 1024 * 1024;

/** Where clients put the quoted history (or the signature) in HTML; everything from there goes. */
const HTML_HISTORY_MARKERS: RegExp[] = [
  /<div[^<>]*class="[^"<>]*\bgmail_quote\b/i,
  /<div[^<>]*class="[^"<>]*\bgmail_signature\b/i,
  /<blockquote[^<>]*type="?cite"?/i,
  /<div[^<>]*id="?divRplyFwdMsg"?/i,
  /<div[^<>]*id="?appendonsend"?/i,
  /<hr[^<>]*id="?stopSpelling"?/i,
  /<div[^<>]*class="[^"<>]*\bmoz-cite-prefix\b/i,
  /<\w+[^<>]*class="[^"<>]*\bmoz-signature\b/i,
  /<blockquote\b/i,
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Removes (or replaces) every `open … close` span. Linear, unlike a lazy `[\s\S]*?` that rescans
 * to the end for each of many unclosed openings: once nothing closes, the search stops.
 */
function replaceSpans(html: string, open: RegExp, close: RegExp, by = ''): string {
  const opens = new RegExp(open.source, 'gi');
  const closes = new RegExp(close.source, 'gi');
  let out = '';
  let from = 0;
  for (let start = opens.exec(html); start; start = opens.exec(html)) {
    closes.lastIndex = opens.lastIndex;
    const end = closes.exec(html);
    if (!end) break;
    out += html.slice(from, start.index) + by;
    from = closes.lastIndex;
    opens.lastIndex = from;
  }
  return out + html.slice(from);
}

const INVISIBLE = ['head', 'style', 'script', 'title'];

/** Just enough HTML to text for a reply: block ends become line breaks, tags go. */
export function htmlToPlainText(html: string): string {
  const visible = INVISIBLE.reduce(
    (text, tag) => replaceSpans(text, new RegExp(`<${tag}\\b`), new RegExp(`</${tag}\\s*>`)),
    replaceSpans(html, /<!--/, /-->/),
  );
  return decodeEntities(
    visible
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p\s*>/gi, '\n\n')
      .replace(/<\/(div|li|h[1-6]|tr|table|pre)\s*>/gi, '\n')
      .replace(/<hr\b[^<>]*>/gi, '\n')
      // [^<>]: a "<" that never closes is left as text instead of rescanned from every "<" after it.
      .replace(/<[^<>]+>/g, '')
      .split('\n')
      .map((line) => line.replace(/^[ \t\f\v\u00a0]+/, '').trimEnd())
      .join('\n')
      .replace(/[ \t\f\v]+/g, ' '),
  );
}

/** Outlook puts its header block and the old message, unquoted, below these: no answer follows. */
const HTML_OLD_MESSAGE: RegExp[] = [
  /<div[^<>]*id="?divRplyFwdMsg"?/i,
  /<div[^<>]*id="?appendonsend"?/i,
  /<hr[^<>]*id="?stopSpelling"?/i,
];

/** Gmail's and Thunderbird's attribution ("On … wrote:" in any language), a div of its own. */
const HTML_ATTRIBUTION = /<div[^<>]*class="[^"<>]*\b(gmail_attr|moz-cite-prefix)\b[^<>]*>/;
/** Stands in for it: a line the text rules recognise as an attribution. */
const ATTRIBUTION_LINE = '<div>On (quoted message) wrote:</div>';
const HTML_SIGNATURE = /<\w+[^<>]*class="[^"<>]*\b(gmail_signature|moz-signature)\b[^<>]*>/gi;

const firstMatch = (html: string, markers: RegExp[]) =>
  Math.min(...markers.map((marker) => html.search(marker)).filter((at) => at !== -1), html.length);

/** HTML to text with each `<blockquote>` level written as a `> ` in front of its lines. */
export function htmlToQuotedText(html: string): string {
  let depth = 0;
  const parts: string[] = [];
  for (const part of html.split(/(<\/?blockquote\b[^<>]*>)/i)) {
    if (/^<blockquote/i.test(part)) depth++;
    else if (/^<\/blockquote/i.test(part)) depth = Math.max(0, depth - 1);
    else {
      const text = htmlToPlainText(part);
      const quote = '> '.repeat(depth);
      parts.push(depth === 0 ? text : text.replace(/^/gm, quote));
      continue;
    }
    parts.push('\n');
  }
  return parts.join('');
}

/** An HTML reply answered between `<blockquote>`s, as markdown; null when it is a top-post. */
function inlineReplyFromHtml(html: string): string | null {
  const marked = replaceSpans(
    html.slice(0, firstMatch(html, HTML_OLD_MESSAGE)),
    HTML_ATTRIBUTION,
    /<\/div\s*>/,
    ATTRIBUTION_LINE,
  ).replace(HTML_SIGNATURE, '<br>-- <br>$&');
  const reply = replyFromLines(toLines(htmlToQuotedText(marked)));
  return reply.inline ? reply.text : null;
}

/** The new text of an HTML-only reply: the history's markup is cut before converting. */
export function replyFromHtml(fullHtml: string): string {
  // The new text is at the top; a bounded prefix keeps the regular expressions linear and cheap.
  const html = fullHtml.slice(0, MAX_HTML);
  const inline = inlineReplyFromHtml(html);
  if (inline !== null) return inline;
  return replyFromText(htmlToPlainText(html.slice(0, firstMatch(html, HTML_HISTORY_MARKERS))));
}

/** Prefers the text/plain part; an HTML-only mail is cut by its markup. */
export function replyText(mail: { text?: string | undefined; html?: string | false | undefined }): string {
  if (mail.text && mail.text.trim() !== '') return replyFromText(mail.text);
  if (mail.html) return replyFromHtml(mail.html);
  return '';
}
