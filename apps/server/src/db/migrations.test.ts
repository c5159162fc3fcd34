import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest, type TestDatabase } from '../../test/databases';
import { type DatabaseHandle, openDatabase } from '../adapters/db/database';
import { migrateAllDown, migrateToLatest, pendingMigrations } from './migrate';

describe.each(databasesUnderTest())('migrations on %s', (kind) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
    handle = openDatabase(database.url);
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  it('applies every migration, reports none pending, and is idempotent', async () => {
    expect((await pendingMigrations(handle.db)).length).toBeGreaterThan(0);
    const results = await migrateToLatest(handle.db);
    expect(results.every((r) => r.status === 'Success')).toBe(true);
    expect(await pendingMigrations(handle.db)).toEqual([]);
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it('migrates all the way down and up again', async () => {
    await migrateToLatest(handle.db);
    const tableNames = async () => (await handle.db.introspection.getTables()).map((t) => t.name);
    expect(await tableNames()).toEqual(
      expect.arrayContaining(['users', 'sessions', 'invites', 'api_tokens', 'jobs']),
    );
    const down = await migrateAllDown(handle.db);
    expect(down.every((r) => r.status === 'Success' && r.direction === 'Down')).toBe(true);
    expect(await tableNames()).toEqual([]);
    await migrateToLatest(handle.db);
    expect(await pendingMigrations(handle.db)).toEqual([]);
  });
});
