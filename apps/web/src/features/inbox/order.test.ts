import type { InboxItem } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { sortNeedsReply } from './order';

function item(subject: string, patch: Partial<InboxItem>): InboxItem {
  return {
    threadId: subject,
    subject,
    lastPostAt: 1000,
    lastAuthor: { id: 'u1', name: 'Ana', avatarUrl: null },
    excerpt: '',
    unread: false,
    doneAt: null,
    snoozedUntil: null,
    needsReply: true,
    expectation: 'reply',
    dueAt: null,
    overdue: false,
    resolved: false,
    ...patch,
  };
}

describe('Needs your reply order', () => {
  it('puts urgent first, then the soonest due date, then undated asks newest first', () => {
    const sorted = sortNeedsReply([
      item('reply old', { lastPostAt: 1 }),
      item('due later', { expectation: 'reply_by', dueAt: 5000 }),
      item('urgent', { expectation: 'urgent' }),
      item('reply new', { lastPostAt: 9 }),
      item('decision soon', { expectation: 'decision_by', dueAt: 2000 }),
    ]);
    expect(sorted.map((i) => i.subject)).toEqual([
      'urgent',
      'decision soon',
      'due later',
      'reply new',
      'reply old',
    ]);
  });
});
