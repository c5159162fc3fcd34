import type { Kysely } from 'kysely';

// Email (issue 6): secrets the server generates for itself on first start, such as the key that
// signs unsubscribe links when no SECRET_KEY is set. In the database rather than the data dir so
// every process of a multi-node installation signs and checks links with the same key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('app_secrets').execute();
}
