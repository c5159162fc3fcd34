import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMessage } from '../../adapters/mail/compose';
import type { EmailItem } from './email.types';
import { excerptOf, expectationLabel, formatLocalTime } from './format';
import { renderDigestEmail, renderNotificationEmail } from './templates';

const links = {
  preferencesUrl: 'https://tidings.example.com/settings/delivery',
  unsubscribeUrl: 'https://tidings.example.com/api/email/unsubscribe?token=t',
};
const recipient = { name: 'Ana', email: 'ana@example.com', timeZone: 'Europe/Lisbon' };
const hostile: EmailItem = {
  threadId: 'th1',
  postId: 'p1',
  subject: 'Hi <img src=x onerror=alert(1)> & "quotes"\r\nBcc: victim@example.com',
  senderName: '<script>alert("name")</script>',
  expectation: 'decision_by',
  dueAt: Date.UTC(2026, 6, 10, 15, 30),
  excerpt: '</p><script>steal()</script><a href="javascript:alert(1)">x</a>',
  posterUrl: 'javascript:alert(1)',
  url: 'javascript:alert(2)',
};

describe('email templates', () => {
  it('escapes everything people typed and drops unsafe URLs', async () => {
    const digest = renderDigestEmail({ ...links, recipient, needsReply: [hostile], updates: [], at: 0 });
    const note = renderNotificationEmail({ ...links, recipient, reason: 'mention', item: hostile });
    for (const html of [digest.html, note.html]) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toMatch(/(href|src)="javascript:/);
      expect(html).toContain('<a href="#"');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
      expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
      expect(html).not.toMatch(/<img /); // the javascript: poster is dropped
      expect(html).not.toMatch(/https?:\/\/(?!tidings\.example\.com)/); // no outside resources
    }
    // A newline in a subject cannot smuggle a header in.
    expect(note.subject).not.toMatch(/[\r\n]/);
    const raw = await composeMessage({ to: 'ana@example.com', ...note }, 'Tidings <t@tidings.example.com>');
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Hi <img src=x onerror=alert(1)> & "quotes" Bcc: victim@example.com');
  });

  it('words expectations and due times in the recipient’s zone, across DST', () => {
    expect(formatLocalTime(Date.UTC(2026, 11, 4, 17, 0), 'Europe/Lisbon')).toBe('Fri 4 Dec, 17:00');
    expect(formatLocalTime(Date.UTC(2026, 6, 10, 15, 30), 'Europe/Lisbon')).toBe('Fri 10 Jul, 16:30');
    expect(formatLocalTime(Date.UTC(2026, 6, 10, 15, 30), 'America/New_York')).toBe('Fri 10 Jul, 11:30');
    expect(expectationLabel('reply_by', Date.UTC(2026, 11, 4, 17, 0), 'Europe/Lisbon')).toBe(
      'Reply by Fri 4 Dec, 17:00',
    );
    expect(expectationLabel('fyi', null, 'Europe/Lisbon')).toBe('FYI — no reply needed');
    // An unknown zone never breaks an email: it falls back to UTC.
    expect(formatLocalTime(Date.UTC(2026, 11, 4, 17, 0), 'Mars/Olympus')).toBe('Fri 4 Dec, 17:00');
  });

  it('keeps excerpts to the first lines', () => {
    expect(excerptOf('one\ntwo\nthree\nfour\nfive')).toBe('one\ntwo\nthree\nfour…');
    expect(excerptOf('short')).toBe('short');
    expect(excerptOf('word '.repeat(200)).length).toBeLessThanOrEqual(301);
  });

  it('gives stable Message-IDs and threads notifications under one root per thread', () => {
    const item = {
      ...hostile,
      subject: 'Plan',
      url: 'https://tidings.example.com/threads/th1',
      posterUrl: null,
    };
    const a = renderNotificationEmail({ ...links, recipient, reason: 'reminder', item });
    const b = renderNotificationEmail({ ...links, recipient, reason: 'reminder', item });
    const urgent = renderNotificationEmail({ ...links, recipient, reason: 'urgent', item });
    expect(a.messageId).toBe(b.messageId);
    expect(urgent.messageId).not.toBe(a.messageId);
    expect(a.messageId).toMatch(/^<reminder-p1-[0-9a-f]{16}@tidings\.example\.com>$/);
    expect(a.inReplyTo).toBe('<thread-th1@tidings.example.com>');
    const followUp = renderNotificationEmail({
      ...links,
      recipient,
      reason: 'reminder',
      item,
      threadMessageId: urgent.messageId,
    });
    expect(followUp.inReplyTo).toBe(urgent.messageId);
    expect(followUp.references).toEqual(['<thread-th1@tidings.example.com>', urgent.messageId]);
    const empty = renderDigestEmail({ ...links, recipient, needsReply: [], updates: [], at: 5 });
    expect(empty.subject).toBe('Your Tidings digest: nothing new');
    expect(empty.headers['List-Unsubscribe']).toBe(`<${links.unsubscribeUrl}>`);
  });
});
