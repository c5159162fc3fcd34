// Fast bulk loading straight into the tables (bypassing the API), for benchmark seeds. Rows are
// buffered per table and written in table order on flush, one transaction per flush, so
// foreign keys and the search triggers see parents before children.
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** Parents before children. */
const TABLE_ORDER = [
  'users',
  'spaces',
  'space_members',
  'threads',
  'thread_people',
  'thread_spaces',
  'posts',
  'post_asks',
  'inbox_items',
];

function buffered(writeBatch) {
  const pending = new Map();
  const counts = {};
  return {
    counts,
    add(table, row) {
      if (!pending.has(table)) pending.set(table, []);
      pending.get(table).push(row);
      counts[table] = (counts[table] ?? 0) + 1;
    },
    async flush() {
      const batch = TABLE_ORDER.filter((t) => pending.get(t)?.length).map((t) => [t, pending.get(t)]);
      pending.clear();
      if (batch.length > 0) await writeBatch(batch);
    },
  };
}

/** A sink writing into an SQLite file with prepared statements inside one transaction per flush. */
export function sqliteSink(file) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  const statements = new Map();
  const statementFor = (table, columns) => {
    const key = `${table}:${columns.join(',')}`;
    if (!statements.has(key)) {
      statements.set(
        key,
        db.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        ),
      );
    }
    return statements.get(key);
  };
  const write = db.transaction((batch) => {
    for (const [table, rows] of batch) {
      const columns = Object.keys(rows[0]);
      const insert = statementFor(table, columns);
      for (const row of rows) insert.run(columns.map((c) => row[c]));
    }
  });
  const sink = buffered(async (batch) => write(batch));
  return { ...sink, close: async () => db.close() };
}

/** A sink writing into PostgreSQL with multi-row inserts inside one transaction per flush. */
export async function postgresSink(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sink = buffered(async (batch) => {
    await client.query('begin');
    try {
      for (const [table, rows] of batch) {
        const columns = Object.keys(rows[0]);
        // Stay well under PostgreSQL's 65 535 parameters per statement.
        const perStatement = Math.floor(30_000 / columns.length);
        for (let i = 0; i < rows.length; i += perStatement) {
          const chunk = rows.slice(i, i + perStatement);
          const values = [];
          const tuples = chunk.map((row, r) => {
            for (const c of columns) values.push(row[c]);
            return `(${columns.map((_, k) => `$${r * columns.length + k + 1}`).join(', ')})`;
          });
          await client.query(
            `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
            values,
          );
        }
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  });
  return { ...sink, close: () => client.end() };
}
