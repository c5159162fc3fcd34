// The reference for the inbox benchmark: the very SQL the server's repositories send, captured
// from Kysely's query log, so that running it again on the bare driver measures the database
// alone (no HTTP, no Kysely, no presenting).
import { register } from 'tsx/esm/api';

register();
const { inboxRepository } = await import('../../apps/server/src/features/inbox/inbox.repository.ts');
const { searchRepository } = await import('../../apps/server/src/features/search/search.repository.ts');
const { searchTerms } = await import('../../apps/server/src/features/search/search-text.ts');
const { Kysely, PostgresDialect, SqliteDialect } = await import('kysely');
const { default: SQLite } = await import('better-sqlite3');
const { default: pg } = await import('pg');

/**
 * The statements ({sql, parameters}[]) of the inbox first page and of each search, as the server
 * sends them (a search on SQLite is two: rank, then the page's details and snippets).
 */
export async function captureQueries(databaseUrl, viewer, { section, limit, now, searches }) {
  const postgres = databaseUrl.startsWith('postgres');
  const dialect = postgres
    ? new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) })
    : new SqliteDialect({ database: new SQLite(databaseUrl.slice('sqlite:'.length)) });
  let statements = [];
  const db = new Kysely({
    dialect,
    log: (event) => {
      statements.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
  });
  try {
    // The service asks for one row more than the page, to know whether another page follows.
    await inboxRepository(db).listSection(viewer, section, now, limit + 1);
    const inbox = statements;
    const search = [];
    for (const q of searches) {
      statements = [];
      await searchRepository(db, postgres ? 'postgres' : 'sqlite').search(searchTerms(q), viewer, {}, 20);
      search.push(statements);
    }
    return { inbox, search };
  } finally {
    await db.destroy();
  }
}
