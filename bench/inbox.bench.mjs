// Benchmark `inbox`: a large workspace (10k people, 50k threads, 500k posts), then what one
// signed-in person waits for: their inbox's first page, posting a reply, a 2-word search; next
// to the same inbox and search SQL run directly on the database driver in the same run.
//
//   npm run bench -- inbox [--quick] [--db postgres] [--database-url postgres://…]
//
// --db postgres uses a fresh database created next to --database-url or TEST_DATABASE_URL and
// dropped afterwards. --quick seeds a tenth of the data (under a minute).
//
// Figures: inbox_p50/p99_ms (GET /api/inbox, "Needs your reply", 50 items), inbox_updates_p99_ms
// ("Updates"), post_p50/p99_ms (POST /api/threads/:id/posts), search_p50/p99_ms (GET /api/search,
// two words), ref_* the captured SQL on better-sqlite3 / pg, ratio_* = HTTP / reference;
// rss_mb of the server after the run, db_mb, posts, seed_s. Requests are sequential.
//
// Posting (2026-11-29, shared 2-core machine, same session, full size): post p50/p99 11.0/37.9 ms
// before, 12.5/30.0 ms after checkpoints moved to a worker and the fan-out's statements were
// trimmed. A reply to a 40-person thread writes ~220 WAL pages (inbox rows, notifications and
// live events, each with user-keyed indexes): that I/O, not JavaScript, is most of what is left.
// db_mb counts the WAL, which grows during a burst of posts until writing pauses (≤ 256 MB).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { postgresSink, sqliteSink } from './lib/bulk-insert.mjs';
import { captureQueries } from './lib/captured-queries.mjs';
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';
import { databaseArgs, freshPostgres } from './lib/database.mjs';
import { generate, searchQueries } from './lib/inbox-data.mjs';
import { fetchJson, sampleLatency } from './lib/latency.mjs';
import { setUpWorkspace, startServer } from './lib/server.mjs';

const { quick } = benchArgs();
const { kind, adminUrl } = databaseArgs();
const size = quick
  ? { people: 1_000, threads: 5_000, postsPerThread: 10, samples: 200, posts: 100 }
  : { people: 10_000, threads: 50_000, postsPerThread: 10, samples: 500, posts: 300 };

/** A fresh empty database of the chosen kind: its URL, size and how to remove it. */
async function createDatabase(onCleanup) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-bench-db-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'tidings.db');
    const mb = (f) => {
      try {
        return statSync(f).size / 2 ** 20;
      } catch {
        return 0;
      }
    };
    return { url: `sqlite:${file}`, sizeMb: async () => mb(file) + mb(`${file}-wal`) };
  }
  const url = await freshPostgres(adminUrl, onCleanup);
  const sizeMb = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('select pg_database_size(current_database()) as bytes');
    await client.end();
    return Number(rows[0].bytes) / 2 ** 20;
  };
  return { url, sizeMb };
}

/** Prepares captured statements on the bare driver; returns a function that runs them once, in order. */
async function rawRunner(url, onCleanup) {
  if (kind === 'sqlite') {
    const db = new SQLite(url.slice('sqlite:'.length), { readonly: true });
    onCleanup(() => db.close());
    return (queries) => {
      const statements = queries.map((q) => [db.prepare(q.sql), q.parameters]);
      return async () => {
        for (const [statement, parameters] of statements) statement.all(parameters);
      };
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  onCleanup(() => client.end());
  return (queries) => async () => {
    for (const q of queries) await client.query(q.sql, q.parameters);
  };
}

await runBench(async (onCleanup) => {
  log(`inbox benchmark on ${kind} (${quick ? 'quick' : 'full'}): ${JSON.stringify(size)}`);
  const database = await createDatabase(onCleanup);
  // A first server migrates the database and creates the workspace and the signed-in person;
  // it stops while the seed loads, and a second one serves the measurements.
  const setup = await startServer({ env: { DATABASE_URL: database.url } });
  const owner = await setUpWorkspace(setup);
  const auth = { cookie: owner.cookie };
  const session = await fetchJson(`${setup.url}/api/auth/session`, { headers: auth });
  const ownerId = session.user.id;
  await setup.stop();

  log('seeding…');
  const seedStarted = Date.now();
  const sink =
    kind === 'sqlite' ? sqliteSink(database.url.slice('sqlite:'.length)) : await postgresSink(database.url);
  const now = Date.now();
  const { posts, words, ownerThreads } = await generate(sink, { ...size, ownerId, now });
  await sink.close();
  if (kind === 'postgres') {
    // What autovacuum would do after a load this size; the planner needs the statistics.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('analyze');
    await client.end();
  }
  const seedS = (Date.now() - seedStarted) / 1000;
  log(`seeded ${JSON.stringify(sink.counts)} in ${round(seedS, 1)} s`);
  const server = await startServer({ env: { DATABASE_URL: database.url } });
  onCleanup(() => server.stop());

  const inboxUrl = (section) => `${server.url}/api/inbox?section=${section}&limit=50`;
  const first = await fetchJson(inboxUrl('needs_reply'), { headers: auth });
  const updates = await fetchJson(inboxUrl('updates'), { headers: auth });
  log(`owner's inbox: ${first.items.length} needing a reply, ${updates.items.length} updates on page one`);
  const inbox = await sampleLatency(
    'GET /api/inbox needs_reply',
    () => fetchJson(inboxUrl('needs_reply'), { headers: auth }),
    {
      samples: size.samples,
    },
  );
  const inboxUpdates = await sampleLatency(
    'GET /api/inbox updates',
    () => fetchJson(inboxUrl('updates'), { headers: auth }),
    {
      samples: size.samples,
    },
  );

  const queries = searchQueries(words);
  const searchUrl = (i) => `${server.url}/api/search?q=${encodeURIComponent(queries[i % queries.length])}`;
  for (let i = 0; i < queries.length; i++) {
    log(`search "${queries[i]}": ${(await fetchJson(searchUrl(i), { headers: auth })).hits.length} hits`);
  }
  const search = await sampleLatency('GET /api/search', (i) => fetchJson(searchUrl(i), { headers: auth }), {
    samples: size.samples,
  });

  const viewer = { id: ownerId, role: 'owner' };
  const captured = await captureQueries(database.url, viewer, {
    section: 'needs_reply',
    limit: 50,
    now: Date.now(),
    searches: queries,
  });
  const prepare = await rawRunner(database.url, onCleanup);
  const refInbox = await sampleLatency('reference inbox SQL', prepare(captured.inbox), {
    samples: size.samples,
  });
  const searchRuns = captured.search.map(prepare);
  const refSearch = await sampleLatency('reference search SQL', (i) => searchRuns[i % searchRuns.length](), {
    samples: size.samples,
  });

  const reply = (i) =>
    fetchJson(`${server.url}/api/threads/${ownerThreads[i % ownerThreads.length]}/posts`, {
      method: 'POST',
      expect: 201,
      headers: { ...auth, 'x-csrf-token': owner.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        body: `Benchmark reply ${i}: ${queries[i % queries.length]}`,
        expectation: { kind: 'fyi' },
      }),
    });
  const post = await sampleLatency('POST /api/threads/:id/posts', reply, { samples: size.posts });

  const rssMb = server.rssMb();
  const dbMb = await database.sizeMb();
  printFigures('inbox', {
    db: kind,
    inbox_p50_ms: inbox.p50_ms,
    inbox_p99_ms: inbox.p99_ms,
    inbox_updates_p99_ms: inboxUpdates.p99_ms,
    post_p50_ms: post.p50_ms,
    post_p99_ms: post.p99_ms,
    search_p50_ms: search.p50_ms,
    search_p99_ms: search.p99_ms,
    ref_inbox_p99_ms: refInbox.p99_ms,
    ratio_inbox_p99_ms: round(inbox.p99_ms / refInbox.p99_ms, 2),
    ref_search_p99_ms: refSearch.p99_ms,
    ratio_search_p99_ms: round(search.p99_ms / refSearch.p99_ms, 2),
    rss_mb: round(rssMb, 1),
    db_mb: round(dbMb, 1),
    people: size.people,
    threads: size.threads,
    posts,
    owner_threads: ownerThreads.length,
    seed_s: round(seedS, 1),
    notes:
      'Sequential requests with a session cookie against `tidings serve` on the seeded database. ' +
      'inbox: first page (50) of Needs your reply; search: 2 mid-frequency words, 4 queries rotated; ' +
      'post: an fyi reply in a thread the person takes part in (fan-out, search index). ' +
      'ref_*: the same SQL (captured from the repositories) on the bare driver; ratio = HTTP / reference.',
  });
});
