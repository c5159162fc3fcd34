import MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';

/** What a post body becomes at write time. */
export interface RenderedMarkdown {
  /** Safe to insert into a page as is. */
  html: string;
  /** The words only, for excerpts and the search index. */
  text: string;
  /** People mentioned as `@[Name](mention:USER_ID)`, in order, each once. */
  mentions: { userId: string; name: string }[];
}

const MENTION = /^@\[([^\]\n]{1,100})\]\(mention:([A-Za-z0-9_-]{1,64})\)/;
const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;

/**
 * markdown-it with raw HTML switched off: every `<` the author types is escaped, so no tag,
 * script, style or event handler can get through, and there is no HTML sanitizer to keep in step
 * with the parser. Links are limited to http(s), mailto and same-site paths; images are not
 * rendered (they would load from anywhere); headings are demoted so a post never outranks the
 * page around it.
 */
const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
md.disable(['image']);
md.validateLink = (url) => SAFE_URL.test(url.trim());

md.inline.ruler.before('link', 'mention', (state: StateInline, silent: boolean) => {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const match = MENTION.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push('mention', 'span', 0);
    token.meta = { name: (match[1] ?? '').trim(), userId: match[2] };
  }
  state.pos += match[0].length;
  return true;
});

md.renderer.rules.mention = (tokens, idx) => {
  const { name, userId } = (tokens[idx]?.meta ?? {}) as { name: string; userId: string };
  const esc = md.utils.escapeHtml;
  return `<span class="mention" data-user-id="${esc(userId)}">@${esc(name)}</span>`;
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
  }
  return self.renderToken(tokens, idx, options);
};

const demote = (tag: string) => `h${Math.min(6, Number(tag.slice(1)) + 2)}`;
md.renderer.rules.heading_open = (tokens, idx) => `<${demote(tokens[idx]?.tag ?? 'h1')}>`;
md.renderer.rules.heading_close = (tokens, idx) => `</${demote(tokens[idx]?.tag ?? 'h1')}>\n`;

type Token = ReturnType<typeof md.parse>[number];

function collect(tokens: Token[], text: string[], mentions: RenderedMarkdown['mentions']): void {
  for (const token of tokens) {
    if (token.type === 'mention') {
      const { name, userId } = token.meta as { name: string; userId: string };
      text.push(`@${name}`);
      if (!mentions.some((m) => m.userId === userId)) mentions.push({ userId, name });
    } else if (token.children) {
      collect(token.children, text, mentions);
    } else if (token.type === 'text' || token.type === 'code_inline') {
      text.push(token.content);
    } else if (token.type === 'code_block' || token.type === 'fence') {
      text.push(` ${token.content} `);
    } else if (
      token.type === 'softbreak' ||
      token.type === 'hardbreak' ||
      (token.nesting === -1 && token.block)
    ) {
      text.push(' ');
    }
  }
}

export function renderMarkdown(source: string): RenderedMarkdown {
  const tokens = md.parse(source, {});
  const text: string[] = [];
  const mentions: RenderedMarkdown['mentions'] = [];
  collect(tokens, text, mentions);
  return {
    html: md.renderer.render(tokens, md.options, {}),
    text: text.join('').replace(/\s+/g, ' ').trim(),
    mentions,
  };
}
