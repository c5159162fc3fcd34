import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../adapters/markdown/markdown';
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

const ANSWERED = [
  '> Can you send the deck by Thursday?',
  '',
  'Yes, tonight.',
  '',
  '> And will Bo join the call?',
  '',
  'No, he is away.',
].join('\n');
const THUNDERBIRD_ANSWERED = [
  '> On 11/2/26 9:00 AM, Bo Lin wrote:',
  '> > I can join if it is after lunch.',
  // Backs out of the nested quote, or markdown would carry on inside it.
  '>',
  '> Is after lunch fine for you?',
  '',
  'Yes, 14:00 works.',
  '',
  '> And can you send the deck by Thursday?',
  '',
  'It is attached.',
].join('\n');

// Answered inline: the quoted lines they kept as markdown quotes, each answer below its quote,
// and neither the trailing history nor the signature.
const inlineCases: typeof cases = [
  {
    client: 'answers between quotes, the whole original below an attribution',
    file: 'inline-above-history.txt',
    expected: `Hi Ana,\n\n${ANSWERED}\n\nCheers,\nOlive`,
  },
  {
    client: 'Gmail, attribution on top, quote kept after the last answer, "-- " signature',
    file: 'gmail-inline.txt',
    expected: `Hi Ana, answers below.\n\n${ANSWERED.replace('call?', 'call? He said he might\n> be travelling.')}`,
  },
  {
    client: 'Apple Mail, quoted attribution, "Sent from my iPad" below the last quote',
    file: 'apple-inline.txt',
    expected: `Hi Ana,\n\n${ANSWERED}`,
  },
  {
    client: 'Thunderbird, nested quote, no blank lines',
    file: 'thunderbird-inline.txt',
    expected: THUNDERBIRD_ANSWERED,
  },
  {
    client: 'Gmail HTML only, answers between blockquotes inside gmail_quote',
    file: 'gmail-inline.html.txt',
    expected: `Hi Ana, answers below.\n\n${ANSWERED.replace('away.', 'away & back on Monday.')}`,
  },
  {
    client: 'Apple Mail HTML only, a sign-off after the last quote',
    file: 'apple-inline.html.txt',
    expected: `Hi Ana,\n\n${ANSWERED}\n\n> Thanks,\n> Ana\n\nCheers,\nOlive`,
  },
  {
    client: 'Thunderbird HTML only, nested blockquote, moz-signature',
    file: 'thunderbird-inline.html.txt',
    expected: THUNDERBIRD_ANSWERED.replace('wrote:\n', 'wrote:\n>\n'),
  },
];

const mailOf = (file: string) => {
  const content = fixture(file);
  return file.endsWith('.html.txt') ? { html: content } : { text: content };
};

describe('the new text of an emailed reply', () => {
  it.each(cases)('$client', ({ file, expected }) => {
    expect(replyText(mailOf(file))).toBe(expected);
  });

  it.each(inlineCases)('answered inline: $client', ({ file, expected }) => {
    expect(replyText(mailOf(file))).toBe(expected);
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

describe('an answer written between quoted lines', () => {
  it('is the same with CRLF line ends', () => {
    const crlf = fixture('inline-above-history.txt').replace(/\n/g, '\r\n');
    expect(replyText({ text: crlf })).toBe(replyText(mailOf('inline-above-history.txt')));
    expect(replyText({ text: crlf })).toContain('> And will Bo join the call?\n\nNo, he is away.');
  });

  it('shows as quotes followed by the answers once rendered', () => {
    const { html, text } = renderMarkdown(replyText(mailOf('thunderbird-inline.txt')));
    expect(html).toBe(
      '<blockquote>\n<p>On 11/2/26 9:00 AM, Bo Lin wrote:</p>\n<blockquote>\n<p>I can join if it is after lunch.</p>\n' +
        '</blockquote>\n<p>Is after lunch fine for you?</p>\n</blockquote>\n<p>Yes, 14:00 works.</p>\n' +
        '<blockquote>\n<p>And can you send the deck by Thursday?</p>\n</blockquote>\n<p>It is attached.</p>\n',
    );
    expect(text).toContain('It is attached.');
  });

  it('keeps an answer that follows a "-- " signature and another quote', () => {
    const text = '> First?\nYes.\n-- \nOlive\n> Second?\nNo.\n\nOn Mon, Ana wrote:\n> First?\n> Second?';
    expect(replyText({ text })).toBe('> First?\n\nYes.\n\n> Second?\n\nNo.');
  });

  it('does not take a quote at the end of a top-post for an answer', () => {
    expect(replyText({ text: 'Fine by me.\n\n> Could you look?\n>\n> Ana\n' })).toBe('Fine by me.');
  });

  it("does not take the old message below Outlook's header block for answers", () => {
    const text = [
      'Agreed.',
      '',
      'From: Ana Owner <reply+abc@tidings.example>',
      'Sent: Tuesday, November 3, 2026 10:00 AM',
      'To: Olive Park',
      'Subject: Deck',
      '',
      '> Bo wrote: can we meet?',
      'Yes we can, said Ana.',
    ].join('\n');
    expect(replyText({ text })).toBe('Agreed.');
    expect(replyText({ text: text.replace('From:', '-----Original Message-----\nFrom:') })).toBe('Agreed.');
  });

  it('does not take an old message the client left unquoted below its attribution for answers', () => {
    const text =
      'Thanks!\n\nOn Mon, 2 Nov 2026, Ana <ana@x.com> wrote:\n\nHi Olive,\n> Bo: ready?\nYes, said Bo.';
    expect(replyText({ text })).toBe('Thanks!');
    const html = `<div>Thanks!</div><div class="yahoo_quoted"><div>On Mon, 2 Nov 2026, Ana &lt;ana@x.com&gt; wrote:</div><div>Hi Olive,</div><blockquote>Bo: ready?</blockquote><div>Yes, said Bo.</div></div>`;
    expect(replyText({ html })).toBe('Thanks!');
  });

  it('does not take a legal footer below the history for an answer', () => {
    const text =
      'Yes.\n\nOn Tue, Ana wrote:\n> Ready?\n\nCONFIDENTIALITY NOTICE: This email is for its recipient only.\nIf you are not…';
    expect(replyText({ text })).toBe('Yes.');
  });

  it('drops an attribution in a language it does not know when the trailing history follows it', () => {
    const text = 'Да.\n\n> Ready?\nAlmost.\n\nвт, 3 нояб. 2026 г. в 10:00, Ana <ana@x.com>:\n> Ready?';
    expect(replyText({ text })).toBe('Да.\n\n> Ready?\n\nAlmost.');
  });
});

describe('hostile mail', () => {
  // Each of these took minutes when every unclosed "<" or "<style" rescanned to the end.
  it.each([
    ['unclosed attributes', '<div class="a'],
    ['unclosed styles, comments and attributions', '<style<!--<div class="gmail_attr">x<blockquote'],
    ['alternating quotes and answers', '<blockquote type="cite">q</blockquote><div>a</div>'],
  ])('stays linear on 1 MB of %s', (_name, unit) => {
    const html = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
    const started = performance.now();
    expect(typeof replyText({ html })).toBe('string');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it.each([
    ['a run of spaces inside a line', (n: number) => `a${' '.repeat(n)}b`],
    ['a line of asterisks above a "From:"', (n: number) => `x\n${'*'.repeat(n)}b\nFrom: y`],
    ['a quote 250 000 levels deep', (n: number) => `a\n${'> '.repeat(n / 2)}x\nanswer`],
  ])('stays linear on 500 kB of text with %s', (_name, make) => {
    const started = performance.now();
    expect(typeof replyText({ text: make(500_000) })).toBe('string');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
