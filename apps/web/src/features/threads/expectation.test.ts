import type { Post } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { expectationLine } from './expectation';

const ana = { id: 'ana', name: 'Ana Owner', avatarUrl: null };
const ben = { id: 'ben', name: 'Ben Colleague', avatarUrl: null };
const cy = { id: 'cy', name: 'Cy Third', avatarUrl: null };
const friday = Date.UTC(2026, 10, 27, 17, 0);

function post(patch: Partial<Post>): Post {
  return {
    id: 'p1',
    threadId: 't1',
    author: ana,
    bodyHtml: '',
    bodyMarkdown: '',
    createdAt: 0,
    editedAt: null,
    deletedAt: null,
    expectation: { kind: 'reply_by', dueAt: friday, urgentReason: null },
    asks: [
      { person: ben, answeredAt: null, answeredHow: null, seenAt: null },
      { person: cy, answeredAt: null, answeredHow: null, seenAt: null },
    ],
    seenBy: [],
    quote: null,
    media: [],
    ...patch,
  };
}

describe('the expectation line on a post', () => {
  it('speaks to the person asked', () => {
    expect(expectationLine(post({}), 'ben', 'UTC')).toBe('Ana needs a reply from you by Fri 27 Nov');
  });

  it('tells the author whom they asked', () => {
    expect(expectationLine(post({}), 'ana', 'UTC')).toBe('You asked Ben and Cy for a reply by Fri 27 Nov');
  });

  it('includes the urgent reason', () => {
    const urgent = post({ expectation: { kind: 'urgent', dueAt: null, urgentReason: 'Checkout is down' } });
    expect(expectationLine(urgent, 'ben', 'UTC')).toBe(
      'Ana needs an answer from you now — urgent: Checkout is down',
    );
  });

  it('says nothing for FYI posts, and nothing pressing once answered', () => {
    expect(
      expectationLine(post({ expectation: { kind: 'fyi', dueAt: null, urgentReason: null } }), 'ben', 'UTC'),
    ).toBeNull();
    const answered = post({
      asks: [{ person: ben, answeredAt: 1, answeredHow: 'reply', seenAt: 1 }],
    });
    expect(expectationLine(answered, 'ben', 'UTC')).toBe('Ana asked you for a reply by Fri 27 Nov');
  });
});
