/**
 * The new text of an emailed reply, line by line: what the person wrote above the quoted history,
 * and, when they answered inline, the quoted lines they kept with their answers below each.
 * Pure (no I/O) so every mail client's quirks are a row in a table test.
 */

/** "On Sun, 29 Nov 2026 at 10:04, Ann Lee <ann@x.com> wrote:" and its cousins in other languages. */
const ATTRIBUTION_END = /\b(wrote|writes|a écrit|schrieb|escribió|scrisse|schreef|skrev)\b[^:]{0,200}:\s*$/i;
const ATTRIBUTION_START = /^(On|Le|Am|El|Il|Op|Den|På)\s/;

/** Lines after which everything is the old message, quoted or not (Outlook quotes nothing). */
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

/** A company's legal footer, appended by its mail server below the quoted history. */
const DISCLAIMER_START =
  /^(\W*(confidential(ity)?|disclaimer|caution|notice)\b|this (e-?mail|message|communication)\b|the information (contained|in this))/i;

/** A quoted line: one `>` per level, a space after each optional ("> > a", ">> a", ">a"). */
const QUOTE_PREFIX = /^\s*((?:>[ \t]?)+)/;

/** Outlook's quoted header block: "From: …" then Sent/Date, To, Subject within a few lines. */
function isOutlookHeaderBlock(lines: string[], index: number): boolean {
  // Header names are near the start; a bounded prefix keeps the "*" search linear on long lines.
  const plain = (line: string | undefined) =>
    (line ?? '')
      .slice(0, 200)
      .replace(/^\*+|\*+(?=:)/g, '')
      .trim();
  if (!/^From:\s*\S/i.test(plain(lines[index]))) return false;
  const next = lines.slice(index + 1, index + 6).map(plain);
  return next.some((l) => /^(Sent|Date):\s*\S/i.test(l)) && next.some((l) => /^(To|Subject):/i.test(l));
}

const isHardHistory = (lines: string[], i: number) =>
  HISTORY_LINES.some((re) => re.test((lines[i] ?? '').trim())) || isOutlookHeaderBlock(lines, i);

/** How many lines the attribution starting at `i` takes: 0 (none), 1, or 2 (Gmail wraps it). */
function attributionLength(lines: string[], i: number): number {
  const line = (lines[i] ?? '').trim();
  if (!ATTRIBUTION_START.test(line)) return 0;
  if (ATTRIBUTION_END.test(line)) return 1;
  const next = (lines[i + 1] ?? '').trim();
  return next && ATTRIBUTION_END.test(next) && line.length + next.length < 300 ? 2 : 0;
}

const isQuote = (line: string | undefined) => (line ?? '').trim().startsWith('>');

/**
 * An attribution followed by unquoted text: the client (Yahoo, some webmails) did not quote the
 * old message, so everything below it is history, whatever quotes it holds.
 */
function isUnquotedHistory(lines: string[], i: number): boolean {
  const length = attributionLength(lines, i);
  if (length === 0) return false;
  let next = i + length;
  while (next < lines.length && (lines[next] ?? '').trim() === '') next++;
  return next < lines.length && !isQuote(lines[next]);
}

/** Index of the first line of quoted history, or the number of lines when there is none. */
function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (isQuote(lines[i])) return attributionAbove(lines, i);
    if (isHardHistory(lines, i) || attributionLength(lines, i) > 0) return i;
  }
  return lines.length;
}

/** A `>` block may follow an attribution we did not recognise; take it with the block. */
function attributionAbove(lines: string[], quoteLine: number): number {
  let i = quoteLine - 1;
  while (i >= 0 && (lines[i] ?? '').trim() === '') i--;
  return i >= 0 && ATTRIBUTION_END.test((lines[i] ?? '').trim()) ? i : quoteLine;
}

const isSignatureDelimiter = (line: string) => line === '-- ' || line === '--';

/** Drops a trailing "Sent from my iPhone" (only at the end: in a sentence it is the person's). */
function withoutClientSignature(lines: string[]): string[] {
  let end = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (!CLIENT_SIGNATURES.some((re) => re.test(line))) break;
    end = i;
  }
  return lines.slice(0, end);
}

function withoutSignature(lines: string[]): string[] {
  // RFC 3676 signature separator "-- " (some clients lose the trailing space).
  const dashes = lines.findIndex(isSignatureDelimiter);
  return withoutClientSignature(dashes === -1 ? lines : lines.slice(0, dashes));
}

type Kind = 'quote' | 'blank' | 'text' | 'dropped';

/**
 * Sorts the history part [start, end) line by line. A signature runs from "-- " to the next quote
 * or attribution, so an answer written below a quote that follows it is still found.
 */
function classify(lines: string[], start: number, end: number): Kind[] {
  const kinds: Kind[] = [];
  let inSignature = false;
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? '';
    const attribution = attributionLength(lines, i);
    if (isQuote(line)) {
      inSignature = false;
      kinds.push('quote');
    } else if (attribution > 0) {
      inSignature = false;
      kinds.push('dropped');
      if (attribution === 2 && i + 1 < end) kinds.push('dropped');
      i += attribution - 1;
    } else if (line.trim() === '') {
      kinds.push('blank');
    } else {
      if (isSignatureDelimiter(line)) inSignature = true;
      kinds.push(inSignature ? 'dropped' : 'text');
    }
  }
  return kinds;
}

/** Last text line that comes after a quote, once the trailing history and footer are set aside. */
function lastAnswer(lines: string[], start: number, kinds: Kind[]): number {
  const lastQuote = kinds.lastIndexOf('quote');
  if (lastQuote === -1) return -1;
  // Text after the last quote that opens with a legal notice is the mail server's, not theirs.
  const after = kinds.findIndex((kind, k) => k > lastQuote && kind === 'text');
  if (after !== -1 && DISCLAIMER_START.test((lines[start + after] ?? '').trim())) {
    for (let k = after; k < kinds.length; k++) if (kinds[k] === 'text') kinds[k] = 'dropped';
  }
  // "Sent from my iPad" below everything is the client's, not an answer.
  for (let k = kinds.length - 1; k > lastQuote; k--) {
    if (kinds[k] !== 'text') continue;
    if (!CLIENT_SIGNATURES.some((re) => re.test((lines[start + k] ?? '').trim()))) break;
    kinds[k] = 'dropped';
  }
  let last = kinds.lastIndexOf('text');
  // "Ann <ann@x.com> said:" right above the trailing quote: an attribution in a language we lack.
  const line = (lines[start + last] ?? '').trim();
  const paragraphStart = last > 0 && kinds[last - 1] !== 'text';
  const quoteFollows = kinds.slice(last + 1).includes('quote');
  if (last !== -1 && paragraphStart && quoteFollows && line.endsWith(':') && line.includes('@')) {
    kinds[last] = 'dropped';
    last = kinds.lastIndexOf('text');
  }
  return last > kinds.indexOf('quote') ? last : -1;
}

/** ">> a" → "> > a": one markdown blockquote level per `>`. */
function asMarkdownQuote(line: string): { depth: number; text: string } {
  const prefix = QUOTE_PREFIX.exec(line)?.[1] ?? '';
  return { depth: (prefix.match(/>/g) ?? []).length, text: line.slice(line.indexOf(prefix) + prefix.length) };
}

/** Depth of the next quoted line with words in it, within the same quote block. */
function nextQuoteDepth(lines: string[], start: number, kinds: Kind[], k: number): number {
  for (let j = k + 1; j < kinds.length && kinds[j] !== 'text'; j++) {
    if (kinds[j] !== 'quote') continue;
    const { depth, text } = asMarkdownQuote(lines[start + j] ?? '');
    if (text.trim() !== '') return depth;
  }
  return 0;
}

/**
 * The answered part of an inline reply as markdown, or [] for a top-post. Quoted lines become
 * blockquotes (without the quoted attribution line, without empty edges), each answer is set off
 * by a blank line so markdown does not pull it into the quote above.
 */
function interleaved(lines: string[], start: number): string[] {
  let end = start;
  while (end < lines.length && !isHardHistory(lines, end) && !isUnquotedHistory(lines, end)) end++;
  const kinds = classify(lines, start, end);
  const last = lastAnswer(lines, start, kinds);
  if (last === -1) return [];
  const out: string[] = [];
  let quoteBlock: string[] = [];
  let quoteDepth = 0;
  const flushQuote = () => {
    while (quoteBlock.length > 0 && /^[> ]*$/.test(quoteBlock.at(-1) ?? '')) quoteBlock.pop();
    if (quoteBlock.length > 0) out.push('', ...quoteBlock, '');
    quoteBlock = [];
  };
  for (let k = 0; k <= last; k++) {
    const line = lines[start + k] ?? '';
    if (kinds[k] === 'quote') {
      const { depth, text } = asMarkdownQuote(line);
      const empty = text.trim() === '';
      if (empty && quoteBlock.length === 0) continue;
      // Apple Mail quotes its own attribution as the block's first line; a nested one ("Bo wrote:"
      // above a deeper quote) says who is quoted, so it stays.
      const quotedAttribution = attributionLength([text.trim()], 0) === 1;
      if (quotedAttribution && quoteBlock.length === 0 && nextQuoteDepth(lines, start, kinds, k) <= depth) {
        continue;
      }
      const markdown = `${'> '.repeat(depth)}${text}`.trimEnd();
      // Back out of a deeper quote with an empty line, or markdown would continue the deeper one.
      const afterEmpty = /^[> ]*$/.test(quoteBlock.at(-1) ?? '');
      if (!empty && depth < quoteDepth && !afterEmpty) quoteBlock.push('> '.repeat(depth).trimEnd());
      if (!(empty && afterEmpty)) quoteBlock.push(markdown);
      if (!empty) quoteDepth = depth;
      continue;
    }
    // A blank line between quoted paragraphs keeps them one quote, two paragraphs.
    if (kinds[k] === 'blank' && quoteBlock.length > 0) {
      if (!/^[> ]*$/.test(quoteBlock.at(-1) ?? '')) quoteBlock.push('>');
      continue;
    }
    flushQuote();
    quoteDepth = 0;
    if (kinds[k] === 'text') out.push(line);
    else out.push('');
  }
  return withoutClientSignature(out);
}

/** The reply's new text from its lines, and whether it was answered inline. */
export function replyFromLines(lines: string[]): { text: string; inline: boolean } {
  const start = historyStart(lines);
  const answers = start < lines.length ? interleaved(lines, start) : [];
  const fresh = [...withoutSignature(lines.slice(0, start)), ...answers];
  const text = fresh
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, inline: answers.length > 0 };
}
