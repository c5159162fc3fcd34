/**
 * Turning what someone typed into a full-text query, and a hit's text into a safe HTML snippet.
 * User input never reaches the query syntax: it is cut into words (letters, digits and combining
 * marks) and each word is quoted, so `"foo OR (` is just the word foo.
 */

const MAX_TERMS = 8;

export function searchTerms(q: string): string[] {
  const words =
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** FTS5: every word must occur; the last one may be the start of a word (search as you type). */
export function fts5Query(terms: string[]): string {
  return terms.map((t, i) => `"${t.replaceAll('"', '""')}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

/** PostgreSQL to_tsquery: the same meaning as fts5Query. */
export function tsQuery(terms: string[]): string {
  return terms
    .map(
      (t, i) => `'${t.replaceAll("'", "''").replaceAll('\\', '\\\\')}'${i === terms.length - 1 ? ':*' : ''}`,
    )
    .join(' & ');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** Lower case without accents, as both indexes compare words. */
const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const SNIPPET_WORDS = 24;
const WORDS_BEFORE_MATCH = 6;

/**
 * The passage around the first match as HTML: matching words (whole words, or the start of a
 * word for the last term, as in the query) wrapped in <mark>, everything else escaped. Cut from
 * the body, or from the subject when only the subject matched.
 */
export function snippetHtml(subject: string, body: string, terms: string[]): string {
  const folded = terms.map(fold);
  const last = folded.length - 1;
  const matches = (word: string) => {
    const w = fold(word);
    return folded.some((t, i) => w === t || (i === last && w.startsWith(t)));
  };
  const words = (text: string) => [...text.matchAll(WORD)];
  let text = body;
  let tokens = words(body);
  let first = tokens.findIndex((m) => matches(m[0]));
  if (first < 0 && subject) {
    text = subject;
    tokens = words(subject);
    first = Math.max(
      0,
      tokens.findIndex((m) => matches(m[0])),
    );
  }
  const startToken = Math.max(0, first - WORDS_BEFORE_MATCH);
  const endToken = Math.min(tokens.length, startToken + SNIPPET_WORDS);
  const from = startToken === 0 ? 0 : (tokens[startToken]?.index ?? 0);
  const lastToken = tokens[endToken - 1];
  const to =
    endToken >= tokens.length || !lastToken ? text.length : (lastToken.index ?? 0) + lastToken[0].length;

  let html = from > 0 ? '… ' : '';
  let at = from;
  for (const token of tokens.slice(startToken, endToken)) {
    const index = token.index ?? 0;
    if (!matches(token[0])) continue;
    html += `${escapeHtml(text.slice(at, index))}<mark>${escapeHtml(token[0])}</mark>`;
    at = index + token[0].length;
  }
  html += escapeHtml(text.slice(at, to));
  return to < text.length ? `${html.trimEnd()} …` : html;
}
