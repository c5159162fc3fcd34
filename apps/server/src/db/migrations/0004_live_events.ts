import { type Kysely, PostgresAdapter } from 'kysely';

// Live events kept for Last-Event-ID resume: one row per recipient, so "events for this person
// after id N" is a range scan on (user_id, id). The id must increase in commit order; it is the
// SSE event id. SQLite: AUTOINCREMENT (never reuses an id, even after pruning); PostgreSQL: an
// identity column (publishers take a lock so ids commit in order, see postgres-live-events.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('live_events')
    .addColumn('id', postgres ? 'bigint' : 'integer', (c) =>
      postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    // No foreign key: a deleted thread's events stay until pruned and are filtered out on resume.
    .addColumn('thread_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_user_id').on('live_events').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('live_events_created_at').on('live_events').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('live_events').execute();
}
