import type { InboxSection } from '@tidings/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema';
import { invalid } from '../../lib/errors';

/** The inbox_items columns a sort key reads. */
export interface SortableItem {
  thread_id: string;
  expectation: string | null;
  due_at: number | null;
  last_activity_at: number;
  snoozed_until: number | null;
}

type Eb = ExpressionBuilder<Database, 'inbox_items'>;
type KeyValue = number | string;

/** One part of a section's ordering: the SQL expression, its direction, and its value for a row. */
interface SortKey {
  expr: (eb: Eb) => Expression<KeyValue>;
  dir: 'asc' | 'desc';
  of: (row: SortableItem) => KeyValue;
}

const threadId: SortKey = {
  expr: (eb) => eb.ref('inbox_items.thread_id'),
  dir: 'asc',
  of: (r) => r.thread_id,
};
// Both descending, so an index on (user_id, needs_reply, last_activity_at, thread_id) yields
// the rows already in order and the page stops after `limit` rows.
const recentFirst: SortKey[] = [
  { expr: (eb) => eb.ref('inbox_items.last_activity_at'), dir: 'desc', of: (r) => r.last_activity_at },
  { ...threadId, dir: 'desc' },
];

/**
 * Each section's ordering as a list of non-null keys ending in the thread id, so that every row
 * has a unique position and a keyset cursor can resume exactly after it. "Needs your reply":
 * urgent first, then the earliest due date (no date last), then the latest activity.
 */
export const SECTION_ORDER: Record<InboxSection, SortKey[]> = {
  needs_reply: [
    {
      expr: () => sql<number>`case when inbox_items.expectation = 'urgent' then 0 else 1 end`,
      dir: 'asc',
      of: (r) => (r.expectation === 'urgent' ? 0 : 1),
    },
    {
      expr: () => sql<number>`case when inbox_items.due_at is null then 1 else 0 end`,
      dir: 'asc',
      of: (r) => (r.due_at === null ? 1 : 0),
    },
    {
      expr: () => sql<number>`coalesce(inbox_items.due_at, 0)`,
      dir: 'asc',
      of: (r) => r.due_at ?? 0,
    },
    ...recentFirst,
  ],
  updates: recentFirst,
  done: recentFirst,
  snoozed: [
    {
      expr: () => sql<number>`coalesce(inbox_items.snoozed_until, 0)`,
      dir: 'asc',
      of: (r) => r.snoozed_until ?? 0,
    },
    threadId,
  ],
};

/** Rows strictly after the cursor position in the section's order. */
export function afterCursor(eb: Eb, keys: SortKey[], values: KeyValue[]): Expression<SqlBool> {
  return eb.or(
    keys.map((key, i) =>
      eb.and([
        ...keys.slice(0, i).map((prev, j) => eb(prev.expr(eb), '=', values[j] as KeyValue)),
        eb(key.expr(eb), key.dir === 'asc' ? '>' : '<', values[i] as KeyValue),
      ]),
    ),
  );
}

export function encodeCursor(keys: SortKey[], row: SortableItem): string {
  return Buffer.from(JSON.stringify(keys.map((k) => k.of(row)))).toString('base64url');
}

/** The cursor's key values, checked against the section's keys; a foreign or mangled cursor is a 400. */
export function decodeCursor(keys: SortKey[], cursor: string): KeyValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  const fits =
    Array.isArray(values) &&
    values.length === keys.length &&
    values.every((v, i) => (keys[i]?.of === threadId.of ? typeof v === 'string' : Number.isSafeInteger(v)));
  if (!fits) throw invalid('That page cursor is not valid for this section.', { before: 'Invalid cursor' });
  return values as KeyValue[];
}
