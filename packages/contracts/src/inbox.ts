import { z } from 'zod';
import { EpochMs, Id } from './common';
import { ExpectationKind, Person } from './threads';

export const InboxSection = z.enum(['needs_reply', 'updates', 'done', 'snoozed']);
export type InboxSection = z.infer<typeof InboxSection>;

export const InboxItem = z
  .object({
    threadId: Id,
    subject: z.string(),
    lastPostAt: EpochMs,
    lastAuthor: Person,
    excerpt: z.string().describe('First words of the latest post, as plain text'),
    unread: z.boolean(),
    doneAt: EpochMs.nullable(),
    snoozedUntil: EpochMs.nullable(),
    needsReply: z.boolean().describe('Someone asked this person to answer and they have not'),
    expectation: ExpectationKind.nullable().describe('The strongest open ask addressed to this person'),
    dueAt: EpochMs.nullable(),
    overdue: z.boolean(),
    resolved: z.boolean(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxQuery = z.object({
  section: InboxSection.default('needs_reply'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z
    .string()
    .max(500)
    .optional()
    .describe('Opaque cursor: nextBefore of the previous page of the same section'),
});
export const InboxPage = z.object({
  items: z.array(InboxItem),
  nextBefore: z.string().nullable().describe('Pass as `before` for the next page; null on the last page'),
});
export const InboxCounts = z.object({
  needsReply: z.number().int(),
  updates: z.number().int(),
  unread: z.number().int(),
});
export const SnoozeRequest = z.object({ until: EpochMs });
export const ThreadIdParams = z.object({ threadId: Id });
