import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToPlainText, replyText } from './reply-text';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

// Replies as each client writes them (fixtures/): the new text, without history or signature.
const cases: { client: string; file: string; expected: string }[] = [
  {
    client: 'Gmail, attribution wrapped over two lines',
    file: 'gmail.txt',
    expected: "Sounds good, I'll send the revised deck by Friday.\n\nThanks,\nAnn",
  },
  { client: 'Gmail, one-line attribution', file: 'gmail-oneline.txt', expected: 'Yes, Thursday works.' },
  {
    client: 'Outlook, underscore line and header block',
    file: 'outlook.txt',
    expected: "Agreed, let's ship it on Monday.\n\nKind regards\nCarla",
  },
  {
    client: 'Outlook, -----Original Message-----',
    file: 'outlook-original.txt',
    expected: 'Numbers attached.',
  },
  { client: 'Outlook for iOS', file: 'outlook-ios.txt', expected: 'Will do' },
  { client: 'Apple Mail on iPhone', file: 'apple.txt', expected: 'Lovely, see you there.' },
  {
    client: 'Thunderbird with a "-- " signature',
    file: 'thunderbird.txt',
    expected: 'I checked the figures: they add up.',
  },
  { client: 'only a signature above the history', file: 'signature-only.txt', expected: '' },
  {
    client: 'Gmail HTML only (gmail_quote)',
    file: 'gmail.html.txt',
    expected: "Sounds good & thanks!\n\nI'll bring the printed copies.",
  },
  {
    client: 'Apple Mail HTML only (blockquote type=cite)',
    file: 'apple.html.txt',
    expected: 'See you at eight.',
  },
  {
    client: 'Outlook HTML only (divRplyFwdMsg)',
    file: 'outlook.html.txt',
    expected: 'Approved from my side.',
  },
  {
    client: 'Thunderbird HTML only (moz-cite-prefix)',
    file: 'thunderbird.html.txt',
    expected: 'The figures add up.\n\nOne question on line 12.',
  },
];

describe('the new text of an emailed reply', () => {
  it.each(cases)('$client', ({ file, expected }) => {
    const content = fixture(file);
    const mail = file.endsWith('.html.txt') ? { html: content } : { text: content };
    expect(replyText(mail)).toBe(expected);
  });

  it('prefers the text part over the HTML one', () => {
    expect(replyText({ text: 'Plain wins\n\nOn Mon, Ann wrote:\n> old', html: '<p>HTML loses</p>' })).toBe(
      'Plain wins',
    );
  });

  it('falls back to HTML when the text part is empty', () => {
    expect(replyText({ text: '  \n', html: fixture('gmail.html.txt') })).toContain('Sounds good & thanks!');
  });

  it('keeps a "Sent from my iPhone" that is part of a sentence', () => {
    expect(replyText({ text: 'Sent from my iPhone earlier: did it arrive?\n\nThanks' })).toBe(
      'Sent from my iPhone earlier: did it arrive?\n\nThanks',
    );
  });

  it('keeps a line that starts with "From:" when no header block follows', () => {
    expect(replyText({ text: 'From: the whole team, congratulations!' })).toBe(
      'From: the whole team, congratulations!',
    );
  });

  it('cuts a > block under an attribution in another language', () => {
    expect(
      replyText({
        text: 'Passt.\n\nAm 29.11.2026 um 10:04 schrieb Ann Lee <ann@x.com>:\n> Passt Donnerstag?',
      }),
    ).toBe('Passt.');
  });

  it('turns HTML into lines and decodes entities', () => {
    expect(htmlToPlainText('<p>a&nbsp;&lt;b&gt;</p><div>c&#x263A;<br>d</div><style>p{}</style>')).toBe(
      'a <b>\n\nc\u263a\nd\n',
    );
  });
});
