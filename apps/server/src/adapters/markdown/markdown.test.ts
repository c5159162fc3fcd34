import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders mentions as spans and lists each person once', () => {
    const out = renderMarkdown('Hi @[Ben <b>](mention:u-1) and @[Ben](mention:u-1), @[Cleo](mention:u-2)');
    expect(out.html).toContain('<span class="mention" data-user-id="u-1">@Ben &lt;b&gt;</span>');
    expect(out.mentions).toEqual([
      { userId: 'u-1', name: 'Ben <b>' },
      { userId: 'u-2', name: 'Cleo' },
    ]);
    expect(out.text).toBe('Hi @Ben <b> and @Ben, @Cleo');
  });

  it('leaves no way to run code or load outside content', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<style>body{}</style>',
      '<a href="#" onclick="x()">a</a>',
      '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](vbscript:x) [d](data:text/html,x)',
      '<javascript:alert(1)> ![img](https://tracker.example/pixel.png)',
      '[proto](//evil.example/x)',
    ].join('\n\n');
    const { html } = renderMarkdown(hostile);
    expect(html).not.toMatch(/<(script|style|img|iframe)/i);
    expect(html).not.toMatch(/href="(javascript|vbscript|data|\/\/)/i);
    expect(html).not.toMatch(/ on\w+="/i);
  });

  it('keeps code, quotes and lists, demotes headings and opens links safely', () => {
    const { html, text } = renderMarkdown(
      '# Title\n\n> said\n\n1. one\n\n```js\nlet a = 1 < 2;\n```\n\nsee https://example.com',
    );
    expect(html).toContain('<h3>Title</h3>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<ol>');
    expect(html).toContain('let a = 1 &lt; 2;');
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">',
    );
    expect(text).toBe('Title said one let a = 1 < 2; see https://example.com');
  });
});
