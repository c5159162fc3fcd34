import { describe, expect, it } from 'vitest';
import { fts5Query, searchTerms, snippetHtml, tsQuery } from './search-text';

describe('search text', () => {
  it('turns any input into quoted words', () => {
    expect(searchTerms('"foo OR (bar* NEAR')).toEqual(['foo', 'or', 'bar', 'near']);
    expect(searchTerms('*** :* & | !')).toEqual([]);
    expect(fts5Query(['foo', 'bar'])).toBe('"foo" "bar"*');
    expect(tsQuery(['foo', 'bar'])).toBe("'foo' & 'bar':*");
  });

  it('marks whole words and the last word as a prefix, escaping the rest', () => {
    expect(snippetHtml('', 'Deploy <b>now</b> & deploying later', ['deploy'])).toBe(
      '<mark>Deploy</mark> &lt;b&gt;now&lt;/b&gt; &amp; <mark>deploying</mark> later',
    );
    expect(snippetHtml('', 'redeploy deploy', ['deploy', 'x'])).toBe('redeploy <mark>deploy</mark>');
    expect(snippetHtml('', 'Café au lait', ['cafe'])).toBe('<mark>Café</mark> au lait');
  });

  it('cuts a window around the first match, or falls back to the subject', () => {
    const body = `${'filler '.repeat(30)}needle ${'tail '.repeat(30)}`;
    const html = snippetHtml('', body, ['needle']);
    expect(html.startsWith('… filler')).toBe(true);
    expect(html.endsWith('tail …')).toBe(true);
    expect(html).toContain('<mark>needle</mark>');
    expect(html.split(' ').length).toBeLessThan(30);
    expect(snippetHtml('Quarterly <plan>', 'nothing here', ['quarterly'])).toBe(
      '<mark>Quarterly</mark> &lt;plan&gt;',
    );
  });
});
