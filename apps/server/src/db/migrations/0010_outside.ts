import type { Kysely } from 'kysely';

// Open to the outside (issue 7). Outsiders are users with role 'external' (no password; they
// never sign in): that keeps posts, inbox rows, receipts and the visibility rule unchanged.
// Every token is random (256 bits) and only its SHA-256 is stored.
export async function up(db: Kysely<unknown>): Promise<void> {
  // An outsider's private link to one thread: their identity; revocable; idles out.
  await db.schema
    .createTable('external_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('external_links_thread')
    .on('external_links')
    .columns(['thread_id', 'user_id'])
    .execute();

  // reply+<token>@<domain>: bound to one person and one thread; minted per outgoing email.
  await db.schema
    .createTable('reply_addresses')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();

  // Each accepted inbound mail once: an SMTP retry of the same Message-ID posts nothing new.
  await db.schema
    .createTable('inbound_mail')
    .addColumn('message_key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();

  // Files that are not media (a PDF attached to an email reply), kept with their post.
  await db.schema
    .createTable('post_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_files_post').on('post_files').column('post_id').execute();

  // Unlisted links to a recording, a post or a thread.
  await db.schema
    .createTable('share_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('password_hash', 'text')
    .addColumn('allow_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_viewed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('share_links_target')
    .on('share_links')
    .columns(['target_kind', 'target_id'])
    .execute();

  // Comments on the moment are posts tied to a media and a time; replies point at their comment.
  await db.schema.alterTable('posts').addColumn('media_id', 'text').execute();
  await db.schema.alterTable('posts').addColumn('at_ms', 'bigint').execute();
  await db.schema.alterTable('posts').addColumn('reply_to_id', 'text').execute();
  await db.schema
    .alterTable('posts')
    .addColumn('via', 'text', (c) => c.notNull().defaultTo('app'))
    .execute();
  await db.schema.createIndex('posts_media_moment').on('posts').columns(['media_id', 'at_ms']).execute();

  await db.schema
    .createTable('media_reactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('media_reactions_media')
    .on('media_reactions')
    .columns(['media_id', 'at_ms'])
    .execute();

  // Who watched what: merged [start, end] ranges per viewer; a view counts after 5 s or 75 %.
  await db.schema
    .createTable('media_views')
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('viewer_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('share_link_id', 'text')
    .addColumn('ranges', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('watched_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('counted_at', 'bigint')
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_views_pk', ['media_id', 'viewer_key'])
    .execute();

  await db.schema
    .alterTable('workspaces')
    .addColumn('named_receipts', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('workspaces')
    .addColumn('external_link_idle_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('external_link_idle_days').execute();
  await db.schema.alterTable('workspaces').dropColumn('named_receipts').execute();
  await db.schema.dropTable('media_views').execute();
  await db.schema.dropTable('media_reactions').execute();
  await db.schema.dropIndex('posts_media_moment').execute();
  for (const column of ['via', 'reply_to_id', 'at_ms', 'media_id']) {
    await db.schema.alterTable('posts').dropColumn(column).execute();
  }
  await db.schema.dropTable('share_links').execute();
  await db.schema.dropTable('post_files').execute();
  await db.schema.dropTable('inbound_mail').execute();
  await db.schema.dropTable('reply_addresses').execute();
  await db.schema.dropTable('external_links').execute();
}
