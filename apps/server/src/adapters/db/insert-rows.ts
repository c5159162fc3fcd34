import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

// Building and compiling a many-row INSERT through Kysely's builder costs more CPU than SQLite
// takes to run it (a post's inbox, notification and live-event rows: over a millisecond). The
// SQL text depends only on the statement's shape, so compile each shape once and bind new values.
const MAX_SHAPES = 2000;
const shapes = new Map<string, { sql: string; tail: readonly unknown[] } | null>();

type Row = Record<string, unknown>;

/**
 * Runs `build(rows)` (an INSERT of `rows`, every row with the same columns in the same order),
 * reusing the SQL compiled for the same `key` and row count. Parameters after the rows' values
 * (an ON CONFLICT clause's) must depend only on `key`. Returns the RETURNING rows, if any.
 */
export async function insertRows<DB, R extends Row, O = unknown>(
  db: Kysely<DB>,
  key: string,
  rows: R[],
  build: (rows: R[]) => Compilable<O>,
): Promise<O[]> {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const values: unknown[] = [];
  for (const row of rows) for (const column of columns) values.push(row[column]);
  // The adapter tells SQLite's placeholders from PostgreSQL's; both can be open in one process.
  const shapeKey = `${db.getExecutor().adapter.constructor.name}|${key}|${rows.length}|${columns.join(',')}`;
  let shape = shapes.get(shapeKey);
  if (shape === undefined) {
    const compiled = build(rows).compile();
    // Only shapes whose parameters are exactly the values row by row, then a fixed tail, are kept.
    const aligned = values.every((value, i) => Object.is(compiled.parameters[i], value));
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shape = aligned ? { sql: compiled.sql, tail: compiled.parameters.slice(values.length) } : null;
    shapes.set(shapeKey, shape);
    if (!shape) return (await db.executeQuery(compiled)).rows;
  }
  if (shape === null) return (await db.executeQuery(build(rows).compile())).rows;
  return (await db.executeQuery<O>(CompiledQuery.raw(shape.sql, [...values, ...shape.tail]))).rows;
}
