import type { Kysely } from 'kysely';

// Enqueueing looks up pending jobs by dedupe_key on every post (delivery, transcripts, …); without
// an index that lookup scans every queued job and grows with the queue.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('jobs_dedupe_key').on('jobs').columns(['dedupe_key', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_dedupe_key').execute();
}
