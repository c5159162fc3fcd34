import { describe, expect, it } from 'vitest';
import { parseHeaders } from './api';

describe('parseHeaders', () => {
  it('reads the header block, unfolding continuation lines, first value wins', () => {
    const raw = [
      'From: Tidings <tidings@example.com>',
      'Subject: A very long',
      '  subject line',
      'List-Unsubscribe: <https://x.example/u?t=1>,',
      '\t<mailto:u@example.com>',
      'Received: one',
      'Received: two',
      '',
      'Body: not a header',
    ].join('\r\n');
    const headers = parseHeaders(raw);
    expect(headers.get('from')).toBe('Tidings <tidings@example.com>');
    expect(headers.get('subject')).toBe('A very long subject line');
    expect(headers.get('list-unsubscribe')).toBe('<https://x.example/u?t=1>, <mailto:u@example.com>');
    expect(headers.get('received')).toBe('one');
    expect(headers.has('body')).toBe(false);
  });
});
