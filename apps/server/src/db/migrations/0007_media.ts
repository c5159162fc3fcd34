import { type Kysely, sql } from 'kysely';

// Media (issue 4): recordings and uploaded files, from the first byte to the playable rendition.
// A media row exists before any byte arrives so its share link (/v/<share_token>) works at once;
// upload_offset follows the tus upload. A media belongs to at most one post (post_id), in
// post_index order. Workspace limits for recordings and uploads live on the workspace row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('post_index', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer')
    .addColumn('error', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('upload_key', 'text', (c) => c.notNull())
    .addColumn('upload_offset', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('upload_length', 'bigint')
    .addColumn('size_bytes', 'bigint')
    .addColumn('duration_ms', 'bigint')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('playable_key', 'text')
    .addColumn('playable_mime_type', 'text')
    .addColumn('poster_key', 'text')
    .addColumn('preview_key', 'text')
    .addColumn('waveform', 'text')
    .addColumn('share_token', 'text', (c) => c.notNull().unique())
    .addColumn('recording_stopped_at', 'bigint')
    .addColumn('upload_finished_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('ready_at', 'bigint')
    .execute();
  await db.schema.createIndex('media_owner').on('media').columns(['owner_id', 'created_at']).execute();
  await db.schema.createIndex('media_post').on('media').columns(['post_id']).execute();

  await db.schema
    .alterTable('workspaces')
    .addColumn('max_recording_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
  await db.schema
    .alterTable('workspaces')
    .addColumn('max_upload_bytes', 'bigint', (c) => c.notNull().defaultTo(sql`4294967296`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('max_upload_bytes').execute();
  await db.schema.alterTable('workspaces').dropColumn('max_recording_minutes').execute();
  await db.schema.dropTable('media').execute();
}
