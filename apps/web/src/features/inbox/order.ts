import type { InboxItem } from '@tidings/contracts';

const urgency = { urgent: 0, decision_by: 1, reply_by: 1, reply: 2, fyi: 3 } as const;

/** Urgent first, then by due date (soonest first), then undated asks, newest first. */
export function sortNeedsReply(items: InboxItem[]): InboxItem[] {
  return [...items].sort((a, b) => {
    const ua = a.expectation === 'urgent' ? 0 : 1;
    const ub = b.expectation === 'urgent' ? 0 : 1;
    if (ua !== ub) return ua - ub;
    if (a.dueAt !== null && b.dueAt !== null && a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
    if ((a.dueAt === null) !== (b.dueAt === null)) return a.dueAt === null ? 1 : -1;
    const ka = urgency[a.expectation ?? 'fyi'];
    const kb = urgency[b.expectation ?? 'fyi'];
    return ka !== kb ? ka - kb : b.lastPostAt - a.lastPostAt;
  });
}
