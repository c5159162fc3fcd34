// Benchmark `smtp-inbound`: replies by email. 1,000 replies of about 5 KB (new text, signature,
// quoted history) sent by 20 concurrent SMTP clients to a freshly started `tidings serve` (role
// all, SMTP_IN_ENABLED=true), then the same messages to a bare smtp-server sink that discards
// them, in the same run.
//
//   npm run bench -- smtp-inbound [--quick] [--db postgres] [--database-url postgres://…]
//
// --db postgres runs the server on a fresh database created next to --database-url or
// TEST_DATABASE_URL (dropped afterwards); the default is the zero-setup SQLite.
//
// Figures: msgs_per_s (accepted replies per second, wall clock, all clients together);
// p99_visible_ms / p50_visible_ms: end of DATA → 250. Tidings answers 250 only once the post is
// committed (and fanned out to inboxes), so that is the time until the post is visible; at the
// end the thread is read through the API and every post must be there. ref_* are the sink's
// figures, ratio_msgs_per_s = msgs_per_s / ref_msgs_per_s.

import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';
import { databaseArgs, freshPostgres } from './lib/database.mjs';
import { fetchJson } from './lib/latency.mjs';
import { freePort, rssMb, stopProcess, track } from './lib/processes.mjs';
import { postJson, setUpWorkspace, startServer } from './lib/server.mjs';
import { openSmtp, replyMessage } from './lib/smtp-client.mjs';

const { quick } = benchArgs();
const { kind, adminUrl } = databaseArgs();
const TOTAL = quick ? 200 : 1000;
const CLIENTS = 20;
const REPLY_DOMAIN = 'reply.bench.test';

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Sends `messages` over `CLIENTS` connections at once; wall-clock rate and end-of-DATA→250 times. */
async function sendAll(port, messages) {
  const perClient = Array.from({ length: CLIENTS }, (_, c) => messages.filter((_, i) => i % CLIENTS === c));
  const times = [];
  const started = performance.now();
  await Promise.all(
    perClient.map(async (batch) => {
      const client = await openSmtp(port);
      for (const message of batch) times.push(await client.send(message));
      await client.close();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    msgs_per_s: round(messages.length / seconds, 1),
    p50_ms: round(percentile(times, 50)),
    p99_ms: round(percentile(times, 99)),
    seconds: round(seconds, 2),
  };
}

async function startSink() {
  const port = await freePort();
  const script = fileURLToPath(new URL('./lib/reference-smtp.mjs', import.meta.url));
  const child = track(
    fork(script, [], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 2, 2, 'ipc'] }),
  );
  await once(child, 'message');
  log(`reference smtp-server sink pid ${child.pid} ready on port ${port}`);
  return { port, pid: child.pid, stop: () => stopProcess(child) };
}

/** A fresh PostgreSQL database for the server (dropped at the end), or null for SQLite. */
async function createPostgres(onCleanup) {
  if (kind !== 'postgres') return null;
  return freshPostgres(adminUrl, onCleanup);
}

/** Inserts reply_addresses rows into the server's database, whichever it is. */
async function insertReplyAddresses(server, databaseUrl, rows) {
  const sql = 'insert into reply_addresses (token_hash, user_id, thread_id, created_at, last_used_at)';
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const r of rows) {
      await client.query(`${sql} values ($1, $2, $3, $4, null)`, [
        r.tokenHash,
        r.userId,
        r.threadId,
        Date.now(),
      ]);
    }
    await client.end();
    return;
  }
  const db = new Database(path.join(server.dataDir, 'tidings.db'));
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare(`${sql} values (?, ?, ?, ?, null)`);
  for (const r of rows) insert.run(r.tokenHash, r.userId, r.threadId, Date.now());
  db.close();
}

await runBench(async (onCleanup) => {
  log(`smtp-inbound benchmark (${quick ? 'quick' : 'full'}, ${kind}): ${TOTAL} replies, ${CLIENTS} clients`);
  const smtpPort = await freePort();
  const databaseUrl = await createPostgres(onCleanup);
  const server = await startServer({
    env: {
      SMTP_IN_ENABLED: 'true',
      SMTP_IN_PORT: String(smtpPort),
      SMTP_IN_HOST: '127.0.0.1',
      REPLY_DOMAIN,
      // The limits against abuse (docs/email.md, Limits) are not what is measured: 20 clients at
      // once from one address is over the default 10 per client, so localhost is a trusted relay,
      // and each member's ~50 replies in seconds are over the default 30 per reply address an hour.
      SMTP_IN_TRUSTED_NETWORKS: '127.0.0.1/32',
      SMTP_IN_MESSAGES_PER_ADDRESS_PER_HOUR: String(TOTAL),
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    },
  });
  onCleanup(() => server.stop());
  const owner = await setUpWorkspace(server);
  const asOwner = {
    cookie: owner.cookie,
    'x-csrf-token': owner.csrfToken,
    'content-type': 'application/json',
  };

  // Twenty members, each replying from their own address to a thread addressed to all of them.
  const members = [];
  for (let i = 0; i < CLIENTS; i++) {
    const invite = await fetchJson(`${server.url}/api/invites`, {
      method: 'POST',
      headers: asOwner,
      body: JSON.stringify({ role: 'member' }),
      expect: 201,
    });
    const email = `member${i}@bench.test`;
    const { body } = await postJson(
      `${server.url}/api/invites/by-token/${invite.token}/accept`,
      { name: `Member ${i}`, email, password: 'another good password', timeZone: 'UTC' },
      201,
    );
    members.push({ id: body.user.id, email });
  }
  const thread = await fetchJson(`${server.url}/api/threads`, {
    method: 'POST',
    headers: asOwner,
    body: JSON.stringify({
      subject: 'Launch plan',
      body: 'Does Thursday work for everyone?',
      recipients: { userIds: members.map((m) => m.id) },
      expectation: { kind: 'fyi' },
    }),
    expect: 201,
  });

  // The reply+<token> addresses a notification email would carry, minted as mintReplyAddress
  // does (random token, SHA-256 stored) straight into the server's database.
  const rows = members.map((member) => {
    const token = randomBytes(32).toString('base64url');
    member.address = `reply+${token}@${REPLY_DOMAIN}`;
    return {
      tokenHash: createHash('sha256').update(token).digest('hex'),
      userId: member.id,
      threadId: thread.id,
    };
  });
  await insertReplyAddresses(server, databaseUrl, rows);

  const messagesFor = (offset, count) =>
    Array.from({ length: count }, (_, i) => {
      const member = members[(offset + i) % CLIENTS];
      const raw = replyMessage({ from: member.email, to: member.address, index: offset + i });
      return { from: member.email, to: member.address, raw };
    });
  const warmup = messagesFor(0, CLIENTS);
  const measured = messagesFor(CLIENTS, TOTAL);
  const averageBytes = Math.round(measured.reduce((sum, m) => sum + m.raw.length, 0) / measured.length);

  await sendAll(smtpPort, warmup);
  const tidings = await sendAll(smtpPort, measured);
  log(`tidings: ${JSON.stringify(tidings)}`);
  const serverRssMb = server.rssMb();

  // Every reply must be a post the API lists, cut to its new text.
  const after = await fetchJson(`${server.url}/api/threads/${thread.id}`, {
    headers: { cookie: owner.cookie },
  });
  const posted = after.posts.filter((p) => /^Reply \d+: Thursday works/.test(p.bodyMarkdown));
  if (posted.length !== warmup.length + measured.length) {
    throw new Error(
      `expected ${warmup.length + measured.length} posts by email, the API lists ${posted.length}`,
    );
  }
  const leaked = posted.filter(
    (p) => p.bodyMarkdown.includes('wrote:') || p.bodyMarkdown.includes('Bench Co.'),
  );
  if (leaked.length > 0) throw new Error(`${leaked.length} posts kept quoted history or the signature`);
  if (posted.some((p) => p.via !== 'email')) throw new Error('a post by email is not marked via email');
  await server.stop();

  const sink = await startSink();
  onCleanup(() => sink.stop());
  await sendAll(sink.port, warmup);
  const ref = await sendAll(sink.port, measured);
  log(`reference sink: ${JSON.stringify(ref)}`);
  const refRssMb = rssMb(sink.pid);
  await sink.stop();

  printFigures('smtp-inbound', {
    msgs_per_s: tidings.msgs_per_s,
    p99_visible_ms: tidings.p99_ms,
    p50_visible_ms: tidings.p50_ms,
    ref_msgs_per_s: ref.msgs_per_s,
    ref_p99_ms: ref.p99_ms,
    ratio_msgs_per_s: round(tidings.msgs_per_s / ref.msgs_per_s, 3),
    messages: TOTAL,
    clients: CLIENTS,
    message_bytes: averageBytes,
    rss_mb: round(serverRssMb, 1),
    ref_rss_mb: round(refRssMb, 1),
    db: kind,
    notes:
      'role all + SMTP_IN_ENABLED, one thread addressed to 20 members, each replying from its own address; 250 only after the post is committed and fanned out, so end of DATA to 250 is the time to visibility; all posts checked through the API afterwards (new text only, via email); reference is a bare smtp-server that discards; one warm-up message per client first',
  });
});
