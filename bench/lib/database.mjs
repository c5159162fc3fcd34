// The database a benchmark runs on: `--db sqlite` (the default) or `--db postgres`, the latter a
// fresh database created next to --database-url or TEST_DATABASE_URL and dropped afterwards.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';

/** `--db` and `--database-url` from the command line: which kind, and the admin URL for postgres. */
export function databaseArgs() {
  const { values } = parseArgs({
    options: { db: { type: 'string', default: 'sqlite' }, 'database-url': { type: 'string' } },
    strict: false,
  });
  return {
    kind: values.db === 'postgres' ? 'postgres' : 'sqlite',
    adminUrl: values['database-url'] ?? process.env.TEST_DATABASE_URL,
  };
}

/** Creates an empty PostgreSQL database next to `adminUrl`, dropped at cleanup; returns its URL. */
export async function freshPostgres(adminUrl, onCleanup) {
  if (!adminUrl) throw new Error('--db postgres needs --database-url or TEST_DATABASE_URL');
  const name = `tidings_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  onCleanup(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
