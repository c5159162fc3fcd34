import type { Kysely } from 'kysely';

// Transcripts (issue 5): one row per media, the recognised words (with times) as JSON; a word
// corrected by the author keeps its times and gets `edited: true`, and every correction is also
// logged in transcript_corrections. Languages: per workspace and per person (null = not set).
// media_id has no foreign key (as media_positions): deleting a media deletes its transcript in code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transcripts')
    .addColumn('media_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer')
    .addColumn('message', 'text')
    .addColumn('language', 'text')
    .addColumn('engine', 'text')
    .addColumn('words', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('silences', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema
    .createTable('transcript_corrections')
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('word_index', 'integer', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.notNull())
    .addColumn('corrected_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('transcript_corrections_media')
    .on('transcript_corrections')
    .column('media_id')
    .execute();
  await db.schema.alterTable('workspaces').addColumn('language', 'text').execute();
  await db.schema.alterTable('users').addColumn('language', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('language').execute();
  await db.schema.alterTable('workspaces').dropColumn('language').execute();
  await db.schema.dropTable('transcript_corrections').execute();
  await db.schema.dropTable('transcripts').execute();
}
