// Benchmark `delivery`: the delivery engine on the embedded SQLite database, in process.
//
//   npm run bench -- delivery [--quick]
//
// Seeds 10 000 people spread over 24 time zones with six different working-hours patterns (some
// with focus blocks and split days), then measures:
// - decide_10k_s: deciding and recording the deliveries of ONE reply_by post addressed to all of
//   them (a digest row and a reminder row each, plus the sweep jobs), in one transaction, as a
//   post use case does;
// - digests_10k_s: building one digest per person, 10 000 digests (due rows, skipping what was read,
//   grouping, rendering HTML and text, recording delivery); outbox_write_10k_s: handing those
//   10 000 messages to the .eml outbox transport (MIME compose + file write), measured apart since
//   it is bound by the disk; digests_with_outbox_10k_s is the sum;
// - ref_inserts_10k_s: as many notification rows as the engine recorded, written with plain
//   prepared INSERTs on better-sqlite3 in one transaction — the floor for recording anything;
// - ratio_decide_10k_s = decide ÷ reference (above 1 = slower than the bare inserts).
// --quick uses 1 000 people.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { register } from 'tsx/esm/api';
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';

register();
const src = '../apps/server/src';
const { loadConfig } = await import(`${src}/config.ts`);
const { createContext } = await import(`${src}/context.ts`);
const { migrateToLatest } = await import(`${src}/db/migrate.ts`);
const { decideDeliveries } = await import(`${src}/features/delivery/decide-deliveries.ts`);
const { sendDigest } = await import(`${src}/features/delivery/deliver.ts`);

const { quick } = benchArgs();
const PEOPLE = quick ? 1_000 : 10_000;
const ZONES = [
  'Europe/Lisbon',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Australia/Adelaide',
  'Pacific/Auckland',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Atlantic/Azores',
  'Africa/Lagos',
  'Africa/Nairobi',
];
const r = (start, end) => ({ start, end });
const week = (day) => [[], day, day, day, day, day, []];
const PATTERNS = [
  null, // the defaults
  { workingHours: week([r('08:00', '16:00')]), digestTimes: ['08:00', '13:00'], focusBlocks: [] },
  { workingHours: week([r('10:00', '18:00')]), digestTimes: ['10:30'], focusBlocks: [] },
  {
    workingHours: week([r('09:00', '12:00'), r('13:00', '17:00')]),
    digestTimes: ['09:00', '14:00'],
    focusBlocks: [],
  },
  {
    workingHours: [
      [],
      [r('09:00', '17:00')],
      [r('09:00', '17:00')],
      [],
      [r('09:00', '17:00')],
      [r('09:00', '13:00')],
      [],
    ],
    digestTimes: ['09:00'],
    focusBlocks: [{ weekday: 1, start: '09:00', end: '11:00' }],
  },
  {
    workingHours: week([r('07:00', '15:00')]),
    digestTimes: ['07:30', '12:00'],
    focusBlocks: [{ weekday: 3, start: '07:00', end: '10:00' }],
  },
];
const CHANNELS = {
  urgent: { inApp: true, email: true },
  reminder: { inApp: false, email: true },
  digest: { inApp: false, email: true },
  mention: { inApp: true, email: false },
};

async function seed(db, now) {
  const users = [];
  const prefs = [];
  for (let i = 0; i <= PEOPLE; i++) {
    const id = `u${i}`;
    users.push({
      id,
      email: `p${i}@example.com`,
      name: `Person ${i}`,
      password_hash: 'x',
      role: i === 0 ? 'owner' : 'member',
      time_zone: ZONES[i % ZONES.length],
      avatar_key: null,
      created_at: now,
      updated_at: now,
    });
    const p = PATTERNS[i % PATTERNS.length];
    if (p) {
      prefs.push({
        user_id: id,
        working_hours: JSON.stringify(p.workingHours),
        time_off: JSON.stringify(
          i % 50 === 0 ? [{ from: '2026-12-01', to: '2026-12-20', urgentFrom: [] }] : [],
        ),
        focus_blocks: JSON.stringify(p.focusBlocks),
        channels: JSON.stringify(CHANNELS),
        digest_times: JSON.stringify(p.digestTimes),
        updated_at: now,
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < users.length; i += 100)
      await trx
        .insertInto('users')
        .values(users.slice(i, i + 100))
        .execute();
    for (let i = 0; i < prefs.length; i += 100)
      await trx
        .insertInto('delivery_preferences')
        .values(prefs.slice(i, i + 100))
        .execute();
    await trx
      .insertInto('threads')
      .values({
        id: 't1',
        subject: 'Quarterly plan',
        created_by: 'u0',
        created_at: now,
        last_post_at: now,
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
    await trx
      .insertInto('posts')
      .values({
        id: 'p1',
        thread_id: 't1',
        author_id: 'u0',
        body_md: 'Please review the plan by Thursday.',
        body_html: '<p>Please review the plan by Thursday.</p>',
        body_text: 'Please review the plan by Thursday.',
        expectation: 'reply_by',
        due_at: now + 3 * 86_400_000,
        urgent_reason: null,
        quote_post_id: null,
        quote_text: null,
        created_at: now,
        edited_at: null,
        deleted_at: null,
      })
      .execute();
  });
  return users.slice(1).map((u) => u.id);
}

/** The reference: the same number of notification-shaped rows, plain prepared INSERTs. */
function referenceInserts(file, rows) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.exec(`create table ref_notifications (id text primary key, user_id text not null, post_id text not null,
    thread_id text not null, reason text not null, channel text not null, deliver_at integer not null,
    delivered_at integer, status text not null, error text, attempts integer not null default 0,
    created_at integer not null, unique (user_id, post_id, reason, channel))`);
  const insert = db.prepare(
    'insert into ref_notifications (id, user_id, post_id, thread_id, reason, channel, deliver_at, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < rows; i++)
      insert.run(`n${i}`, `u${i}`, 'p1', 't1', 'digest', 'digest', i, 'pending', 0);
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

await runBench(async (onCleanup) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tidings-bench-delivery-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  let clock = Date.UTC(2026, 11, 7, 15, 0); // a Monday afternoon
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'tidings.db')}`,
    LOG_LEVEL: 'silent',
  });
  const ctx = await createContext(config, { now: () => clock });
  onCleanup(async () => {
    await ctx.live.close();
    await ctx.database.close();
  });
  await migrateToLatest(ctx.db);
  log(`seeding ${PEOPLE} people in ${ZONES.length} zones`);
  const recipients = await seed(ctx.db, clock);

  const post = {
    postId: 'p1',
    threadId: 't1',
    authorId: 'u0',
    expectation: 'reply_by',
    dueAt: clock + 3 * 86_400_000,
    interruptOutsideHours: false,
    remindIfNoAnswerBy: null,
    recipients,
    asked: new Set(recipients),
    mentioned: new Set(),
  };
  log('deciding deliveries for one post');
  let started = performance.now();
  await ctx.db.transaction().execute((trx) => decideDeliveries(trx, post, clock));
  const decideSeconds = (performance.now() - started) / 1000;
  const { count } = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  log(`decided ${count} notifications in ${round(decideSeconds, 3)} s`);

  const ref = referenceInserts(path.join(dataDir, 'reference.db'), Number(count));
  log(`reference: ${count} plain inserts in ${round(ref, 3)} s`);

  // Every digest row is due once the clock passes the latest of them.
  const latest = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.max('deliver_at').as('max'))
    .where('channel', '=', 'digest')
    .executeTakeFirstOrThrow();
  clock = Number(latest.max) + 1;
  // Building a digest = the queries, skipping what was read, rendering, recording the delivery.
  // The mail transport is measured on its own after, writing the same messages to the outbox.
  const real = ctx.mail;
  const messages = [];
  ctx.mail = { kind: 'outbox', send: async (mail) => void messages.push(mail), close: async () => {} };
  log(`building ${PEOPLE} digests`);
  started = performance.now();
  let sent = 0;
  for (const userId of recipients) if ((await sendDigest(ctx, userId)) === 'sent') sent++;
  const digestSeconds = (performance.now() - started) / 1000;
  log(`built ${sent} digests in ${round(digestSeconds, 2)} s; writing them to the outbox`);
  started = performance.now();
  for (const mail of messages) await real.send(mail);
  const outboxSeconds = (performance.now() - started) / 1000;
  log(`wrote ${messages.length} .eml files in ${round(outboxSeconds, 2)} s`);

  printFigures('delivery', {
    people: PEOPLE,
    notifications: Number(count),
    decide_10k_s: round(decideSeconds, 3),
    digests_10k_s: round(digestSeconds, 2),
    digests_sent: sent,
    outbox_write_10k_s: round(outboxSeconds, 2),
    digests_with_outbox_10k_s: round(digestSeconds + outboxSeconds, 2),
    ref_inserts_10k_s: round(ref, 3),
    ratio_decide_10k_s: round(decideSeconds / ref, 1),
    notes:
      'SQLite, in process. decide = one reply_by post to all (digest + reminder rows each, sweep jobs booked); digests = queries + render + record per person (outbox_write = MIME + .eml files, apart); ratio = decide / the same number of plain prepared inserts (above 1 = slower)',
  });
});
