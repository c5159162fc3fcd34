import type { ReactNode } from 'react';

/**
 * A small, safe markdown preview built from React elements (never an HTML string): paragraphs,
 * line breaks, lists, quotes, code, **bold**, *italic*, links and mentions. The server's rendering
 * is the real one; this only shows roughly how the message will read.
 */
export function MarkdownPreview({ source }: { source: string }) {
  const blocks: ReactNode[] = [];
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) code.push(lines[i++] ?? '');
      i++;
      blocks.push(
        <pre key={blocks.length}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
    } else if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i] ?? ''))
        items.push((lines[i++] ?? '').replace(/^\s*([-*]|\d+\.)\s+/, ''));
      // biome-ignore lint/suspicious/noArrayIndexKey: a static preview; items have no identity
      const children = items.map((item, n) => <li key={n}>{inline(item)}</li>);
      blocks.push(
        ordered ? <ol key={blocks.length}>{children}</ol> : <ul key={blocks.length}>{children}</ul>,
      );
    } else if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>'))
        quoted.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      blocks.push(<blockquote key={blocks.length}>{withBreaks(quoted)}</blockquote>);
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      while (
        i < lines.length &&
        (lines[i] ?? '').trim() !== '' &&
        !/^(```|>|\s*([-*]|\d+\.)\s)/.test(lines[i] ?? '')
      )
        para.push(lines[i++] ?? '');
      blocks.push(<p key={blocks.length}>{withBreaks(para)}</p>);
    }
  }
  return <>{blocks}</>;
}

function withBreaks(lines: string[]): ReactNode[] {
  const out: ReactNode[] = [];
  lines.forEach((line, n) => {
    if (n > 0) out.push(<br key={`br${out.length}`} />);
    out.push(<span key={`l${out.length}`}>{inline(line)}</span>);
  });
  return out;
}

const token =
  /@\[([^\]]+)\]\(mention:[^)]+\)|\[([^\]]+)\]\((https?:\/\/[^)\s]+|mailto:[^)\s]+)\)|`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_/g;

function inline(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(token)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const key = `${index}`;
    const [, mention, linkText, href, code, bold, em1, em2] = match;
    if (mention) parts.push(<strong key={key}>@{mention}</strong>);
    else if (linkText && href)
      parts.push(
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {linkText}
        </a>,
      );
    else if (code) parts.push(<code key={key}>{code}</code>);
    else if (bold) parts.push(<strong key={key}>{bold}</strong>);
    else parts.push(<em key={key}>{em1 ?? em2}</em>);
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
