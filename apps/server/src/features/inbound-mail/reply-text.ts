/**
 * The new text of an emailed reply: everything the person wrote above the quoted history, without
 * their signature. Pure (no I/O) so every mail client's quirks are a row in a table test.
 *
 * Replies are top-posted by every client people use today, so the first line that starts the
 * history (an attribution "On … wrote:", an Outlook header block, a `>` line) ends the new text.
 */

/** "On Sun, 29 Nov 2026 at 10:04, Ann Lee <ann@x.com> wrote:" and its cousins in other languages. */
const ATTRIBUTION_END = /\b(wrote|writes|a écrit|schrieb|escribió|scrisse|schreef|skrev)\b[^:]{0,200}:\s*$/i;
const ATTRIBUTION_START = /^(On|Le|Am|El|Il|Op|Den|På)\s/;

const HISTORY_LINES: RegExp[] = [
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  // Outlook's separator above its header block.
  /^_{20,}\s*$/,
  /^Begin forwarded message:\s*$/i,
];

/** A client's own signature line ("Sent from my iPhone"), removed when it ends the text. */
const CLIENT_SIGNATURES: RegExp[] = [
  /^Sent from my (iPhone|iPad|Android|BlackBerry|Samsung|Galaxy|mobile|phone)\b.*$/i,
  /^Sent from (Mail|Outlook|Yahoo Mail|ProtonMail|Proton Mail)\b.*$/i,
  /^Get Outlook for (iOS|Android)\s*$/i,
  /^Sent with (Proton Mail|ProtonMail)\b.*$/i,
];

/** Outlook's quoted header block: "From: …" then Sent/Date, To, Subject within a few lines. */
function isOutlookHeaderBlock(lines: string[], index: number): boolean {
  const plain = (line: string | undefined) => (line ?? '').replace(/^\*+|\*+(?=:)/g, '').trim();
  if (!/^From:\s*\S/i.test(plain(lines[index]))) return false;
  const next = lines.slice(index + 1, index + 6).map(plain);
  return next.some((l) => /^(Sent|Date):\s*\S/i.test(l)) && next.some((l) => /^(To|Subject):/i.test(l));
}

/** Index of the first line of quoted history, or the number of lines when there is none. */
function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line.startsWith('>')) return attributionAbove(lines, i);
    if (HISTORY_LINES.some((re) => re.test(line))) return i;
    if (isOutlookHeaderBlock(lines, i)) return i;
    if (ATTRIBUTION_START.test(line)) {
      if (ATTRIBUTION_END.test(line)) return i;
      // Gmail wraps a long attribution over two lines.
      const next = (lines[i + 1] ?? '').trim();
      if (next && ATTRIBUTION_END.test(next) && line.length + next.length < 300) return i;
    }
  }
  return lines.length;
}

/** A `>` block may follow an attribution we did not recognise; take it with the block. */
function attributionAbove(lines: string[], quoteLine: number): number {
  let i = quoteLine - 1;
  while (i >= 0 && (lines[i] ?? '').trim() === '') i--;
  return i >= 0 && ATTRIBUTION_END.test((lines[i] ?? '').trim()) ? i : quoteLine;
}

function withoutSignature(lines: string[]): string[] {
  // RFC 3676 signature separator "-- " (some clients lose the trailing space).
  const dashes = lines.findIndex((line) => line === '-- ' || line === '--');
  const kept = dashes === -1 ? lines : lines.slice(0, dashes);
  // Only at the end: "Sent from my iPhone" in the middle of a sentence is the person's text.
  let end = kept.length;
  for (let i = kept.length - 1; i >= 0; i--) {
    const line = (kept[i] ?? '').trim();
    if (line === '') continue;
    if (!CLIENT_SIGNATURES.some((re) => re.test(line))) break;
    end = i;
  }
  return kept.slice(0, end);
}

/** Past this, nothing a person typed above the history is left to find. */
const MAX_TEXT = 512 * 1024;

/** The new text of a plain-text reply. */
export function replyFromText(fullText: string): string {
  const text = fullText.slice(0, MAX_TEXT);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const fresh = withoutSignature(lines.slice(0, historyStart(lines)));
  return fresh
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** How much of an HTML-only mail is looked at (the reply is at its top). */
const MAX_HTML = 1024 * 1024;

/** Where clients put the quoted history (or the signature) in HTML; everything from there goes. */
const HTML_HISTORY_MARKERS: RegExp[] = [
  /<div[^>]*class="[^"]*\bgmail_quote\b/i,
  /<div[^>]*class="[^"]*\bgmail_signature\b/i,
  /<blockquote[^>]*type="?cite"?/i,
  /<div[^>]*id="?divRplyFwdMsg"?/i,
  /<div[^>]*id="?appendonsend"?/i,
  /<hr[^>]*id="?stopSpelling"?/i,
  /<div[^>]*class="[^"]*\bmoz-cite-prefix\b/i,
  /<\w+[^>]*class="[^"]*\bmoz-signature\b/i,
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

/** Just enough HTML to text for a reply: block ends become line breaks, tags go. */
export function htmlToPlainText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p\s*>/gi, '\n\n')
      .replace(/<\/(div|li|h[1-6]|tr|table|pre)\s*>/gi, '\n')
      .replace(/<hr\b[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/[ \t\f\v\u00a0]*\n[ \t\f\v\u00a0]*/g, '\n')
      .replace(/[ \t\f\v]+/g, ' '),
  );
}

/** The new text of an HTML-only reply: the history's markup is cut before converting. */
export function replyFromHtml(fullHtml: string): string {
  // The new text is at the top; a bounded prefix keeps the regular expressions linear and cheap.
  const html = fullHtml.slice(0, MAX_HTML);
  let cut = html.length;
  for (const marker of HTML_HISTORY_MARKERS) {
    const at = html.search(marker);
    if (at !== -1 && at < cut) cut = at;
  }
  return replyFromText(htmlToPlainText(html.slice(0, cut)));
}

/** Prefers the text/plain part; an HTML-only mail is cut by its markup. */
export function replyText(mail: { text?: string | undefined; html?: string | false | undefined }): string {
  if (mail.text && mail.text.trim() !== '') return replyFromText(mail.text);
  if (mail.html) return replyFromHtml(mail.html);
  return '';
}
