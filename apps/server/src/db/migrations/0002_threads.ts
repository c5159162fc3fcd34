import type { Kysely } from 'kysely';

// Spaces, threads, posts, what each post asks of whom, receipts, subscriptions and the
// per-person inbox. Written once for SQLite and PostgreSQL (see 0001 for the conventions).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('spaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('archived_at', 'bigint')
    .execute();

  await db.schema
    .createTable('space_members')
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('space_members_pk', ['space_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('space_members_user')
    .on('space_members')
    .columns(['user_id', 'space_id'])
    .execute();

  await db.schema
    .createTable('threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_post_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('thread_people')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('thread_people_pk', ['thread_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('thread_people_user')
    .on('thread_people')
    .columns(['user_id', 'thread_id'])
    .execute();

  await db.schema
    .createTable('thread_spaces')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('thread_spaces_pk', ['thread_id', 'space_id'])
    .execute();
  await db.schema
    .createIndex('thread_spaces_space')
    .on('thread_spaces')
    .columns(['space_id', 'thread_id'])
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('expectation', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('urgent_reason', 'text')
    .addColumn('quote_post_id', 'text', (c) => c.references('posts.id'))
    .addColumn('quote_text', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('posts_thread').on('posts').columns(['thread_id', 'created_at']).execute();
  await db.schema
    .createIndex('posts_author_created')
    .on('posts')
    .columns(['author_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('post_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('post_revisions_post')
    .on('post_revisions')
    .columns(['post_id', 'edited_at'])
    .execute();

  await db.schema
    .createTable('post_asks')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('answered_at', 'bigint')
    .addColumn('answered_how', 'text')
    .addPrimaryKeyConstraint('post_asks_pk', ['post_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('post_asks_user_open')
    .on('post_asks')
    .columns(['user_id', 'answered_at'])
    .execute();

  await db.schema
    .createTable('post_receipts')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_receipts_pk', ['post_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('thread_subscriptions')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_subscriptions_pk', ['thread_id', 'user_id'])
    .execute();

  // One row per person and thread they take part in, kept up to date on every post, so that an
  // inbox page is a single indexed range scan however large the workspace grows.
  await db.schema
    .createTable('inbox_items')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('last_post_id', 'text', (c) => c.notNull())
    .addColumn('unread', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('snoozed_until', 'bigint')
    .addColumn('needs_reply', 'integer', (c) => c.notNull())
    .addColumn('expectation', 'text')
    .addColumn('due_at', 'bigint')
    .addPrimaryKeyConstraint('inbox_items_pk', ['user_id', 'thread_id'])
    .execute();
  await db.schema
    .createIndex('inbox_items_user_activity')
    .on('inbox_items')
    .columns(['user_id', 'last_activity_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'inbox_items',
    'thread_subscriptions',
    'post_receipts',
    'post_asks',
    'post_revisions',
    'posts',
    'thread_spaces',
    'thread_people',
    'threads',
    'space_members',
    'spaces',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
