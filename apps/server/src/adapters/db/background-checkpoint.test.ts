import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './database';

const size = (file: string) => fs.statSync(file).size;

describe('SQLite checkpoints off the request path', () => {
  let handle: DatabaseHandle | null = null;
  let dir = '';
  afterEach(async () => {
    await handle?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a commit only appends to the WAL; a worker copies it into the database soon after', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-checkpoint-'));
    const file = path.join(dir, 'test.db');
    handle = openDatabase(`sqlite:${file}`);
    const { db } = handle;
    await sql`create table blobs (id integer primary key, data blob)`.execute(db);
    const chunk = 'x'.repeat(64 * 1024);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 96; i++) await sql`insert into blobs (data) values (${chunk})`.execute(trx);
    });
    // ~6 MB committed: past SQLite's own 1000-page checkpoint, yet the database file is untouched.
    expect(size(`${file}-wal`)).toBeGreaterThan(6 * 2 ** 20);
    expect(size(file)).toBeLessThan(2 ** 20);

    const deadline = Date.now() + 10_000;
    while (size(file) < 6 * 2 ** 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(size(file)).toBeGreaterThan(6 * 2 ** 20);
    const rows = await sql<{ n: number }>`select count(*) as n from blobs`.execute(db);
    expect(rows.rows[0]?.n).toBe(96);
  });
});
