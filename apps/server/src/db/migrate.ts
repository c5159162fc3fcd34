import { type Kysely, type Migration, type MigrationResult, Migrator, NO_MIGRATIONS } from 'kysely';
import * as m0001 from './migrations/0001_accounts';
import * as m0002 from './migrations/0002_threads';
import * as m0003 from './migrations/0003_search';
import * as m0004 from './migrations/0004_live_events';
import * as m0005 from './migrations/0005_delivery';
import * as m0006 from './migrations/0006_email';
import * as m0007 from './migrations/0007_media';
import * as m0008 from './migrations/0008_playback';
import * as m0009 from './migrations/0009_transcripts';
import * as m0010 from './migrations/0010_outside';
import * as m0011 from './migrations/0011_job_dedupe_index';

/**
 * Migrations are listed here in order rather than read from disk, so they work the same from
 * source, from a bundle and in tests. Add a new file in migrations/ and one line below.
 */
const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_threads': m0002,
  '0003_search': m0003,
  '0004_live_events': m0004,
  '0005_delivery': m0005,
  '0006_email': m0006,
  '0007_media': m0007,
  '0008_playback': m0008,
  '0009_transcripts': m0009,
  '0010_outside': m0010,
  '0011_job_dedupe_index': m0011,
};

function migratorFor<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

/** Names of migrations this build knows that the database has not run yet. */
export async function pendingMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const all = await migratorFor(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Undoes every migration (tests prove each `down` works; operators roll back with it). */
export async function migrateAllDown<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { error, results } = await migratorFor(db).migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}
