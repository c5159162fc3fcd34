import type { Kysely } from 'kysely';

// Playback (issue 4): where each person stopped in each recording, so the player resumes there.
// media_id has no foreign key so this migration does not depend on the media table's shape;
// rows of deleted media are never read (playback checks the media first).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media_positions')
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position_ms', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_positions_pk', ['media_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('media_positions').execute();
}
