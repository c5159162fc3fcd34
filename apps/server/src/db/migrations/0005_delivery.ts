import type { Kysely } from 'kysely';

// Delivery (issue 6): each person's preferences (time zone stays in users.time_zone), the
// engine's decisions as notification rows, and posts kept aside for a scheduled send.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('delivery_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // JSON documents, validated by the contract on the way in; read as a whole, never queried.
    .addColumn('working_hours', 'text', (c) => c.notNull())
    .addColumn('time_off', 'text', (c) => c.notNull())
    .addColumn('focus_blocks', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('digest_times', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('deliver_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('notifications_once', ['user_id', 'post_id', 'reason', 'channel'])
    .execute();
  // The digest job reads one person's due digest rows; the attention report reads by time.
  await db.schema
    .createIndex('notifications_user_channel')
    .on('notifications')
    .columns(['user_id', 'channel', 'status', 'deliver_at'])
    .execute();
  await db.schema.createIndex('notifications_post').on('notifications').column('post_id').execute();

  await db.schema
    .createTable('scheduled_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.references('threads.id').onDelete('cascade'))
    // The CreateThreadRequest or ReplyRequest as JSON, replayed through the normal use case.
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('send_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('post_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scheduled_posts_author')
    .on('scheduled_posts')
    .columns(['author_id', 'status', 'send_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scheduled_posts').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('delivery_preferences').execute();
}
