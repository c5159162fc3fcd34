// Synthetic workspace for the inbox benchmark: people, spaces, threads, posts, asks and the
// inbox rows the fan-out would have written for them. Deterministic (seeded PRNG), generated
// thread by thread so memory stays flat; the rows go to a `sink` (bench/lib/bulk-insert.mjs).
import { randomUUID } from 'node:crypto';

const DAY = 24 * 3600 * 1000;

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pronounceable made-up words; the skewed pick makes low indices common, like real language. */
export function vocabulary(size = 3000) {
  const consonants = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  const rand = prng(7);
  const words = new Set();
  while (words.size < size) {
    let word = '';
    const syllables = 2 + Math.floor(rand() * 2);
    for (let i = 0; i < syllables; i++) {
      word += consonants[Math.floor(rand() * consonants.length)] + vowels[Math.floor(rand() * vowels.length)];
    }
    words.add(word);
  }
  return [...words];
}

/** Two mid-frequency words per query: present in a few thousand posts each, together in hundreds. */
export function searchQueries(words) {
  return [
    [words[40], words[180]],
    [words[60], words[250]],
    [words[90], words[140]],
    [words[30], words[300]],
  ].map((pair) => pair.join(' '));
}

const ASK_KINDS = [
  ['fyi', 0.55],
  ['reply', 0.28],
  ['reply_by', 0.1],
  ['decision_by', 0.05],
  ['urgent', 0.02],
];

/**
 * Generates the data and hands every row to `sink.add(table, row)`, then `sink.flush()` after
 * each block of threads. `owner` is the signed-in person whose inbox is measured: they take part
 * in `ownerShare` of the threads directly and belong to three spaces.
 */
export async function generate(sink, { people, threads, postsPerThread, ownerId, now, ownerShare = 0.02 }) {
  const rand = prng(42);
  const words = vocabulary();
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const word = () => words[Math.floor(words.length * rand() * rand())];
  const sentence = (n) => Array.from({ length: n }, word).join(' ');

  const userIds = [];
  for (let i = 0; i < people; i++) {
    const id = randomUUID();
    userIds.push(id);
    sink.add('users', {
      id,
      email: `person${i}@bench.test`,
      name: `Person ${i}`,
      password_hash: 'seeded: cannot sign in',
      role: i % 100 === 99 ? 'guest' : 'member',
      time_zone: 'UTC',
      avatar_key: null,
      created_at: now - 400 * DAY,
      updated_at: now - 400 * DAY,
    });
  }
  // Spaces of about 40 members (each person joins two), three quarters of them public.
  const spaceCount = Math.max(20, Math.round(people / 20));
  const spaceIds = [];
  const members = new Map();
  for (let s = 0; s < spaceCount; s++) {
    const id = randomUUID();
    spaceIds.push(id);
    sink.add('spaces', {
      id,
      name: `Space ${s}`,
      description: '',
      visibility: s % 4 === 3 ? 'private' : 'public',
      created_by: ownerId,
      created_at: now - 400 * DAY,
      archived_at: null,
    });
  }
  const join = (spaceId, userId) => {
    if (!members.has(spaceId)) members.set(spaceId, new Set());
    if (members.get(spaceId).has(userId)) return;
    members.get(spaceId).add(userId);
    sink.add('space_members', { space_id: spaceId, user_id: userId, added_at: now - 400 * DAY });
  };
  for (const userId of userIds) for (let k = 0; k < 2; k++) join(pick(spaceIds), userId);
  for (const s of [0, 1, 3]) join(spaceIds[s], ownerId);
  await sink.flush();

  const span = 180 * DAY;
  let posts = 0;
  const ownerThreads = [];
  let lastDelta = 0;
  for (let t = 0; t < threads; t++) {
    const threadId = randomUUID();
    const author = rand() < ownerShare / 2 ? ownerId : pick(userIds);
    const addressed = new Set();
    const howMany = 1 + Math.floor(rand() * 4);
    while (addressed.size < howMany) addressed.add(pick(userIds));
    if (author !== ownerId && rand() < ownerShare / 2) addressed.add(ownerId);
    addressed.delete(author);
    // Everyone addressed, directly or as a member of the space, is in the audience (as in the
    // fan-out of features/threads): each gets an inbox row, and asks go to all of them.
    const space = rand() < 0.5 ? pick(spaceIds) : null;
    const audience = new Set([author, ...addressed, ...(space ? (members.get(space) ?? []) : [])]);
    const participants = [...audience];
    if (audience.has(ownerId)) ownerThreads.push(threadId);
    // Pairs of threads average exactly postsPerThread posts.
    const swing = Math.floor(postsPerThread * 0.9);
    const delta = t % 2 === 0 ? Math.floor(rand() * (2 * swing + 1)) - swing : -lastDelta;
    const count = postsPerThread + delta;
    lastDelta = delta;

    let at = now - span + Math.floor((t / threads) * span);
    const kind = weighted(rand, ASK_KINDS);
    const dueAt = kind === 'reply_by' || kind === 'decision_by' ? at + 3 * DAY : null;
    const postRows = [];
    for (let p = 0; p < count; p++) {
      // Replies come mostly from the people addressed by name.
      const postAuthor = p === 0 ? author : rand() < 0.8 ? pick([author, ...addressed]) : pick(participants);
      at += 60_000 + Math.floor(rand() * 6 * 3600_000);
      const body = sentence(15 + Math.floor(rand() * 25));
      postRows.push({
        id: randomUUID(),
        thread_id: threadId,
        author_id: postAuthor,
        body_md: body,
        body_html: `<p>${body}</p>`,
        body_text: body,
        expectation: p === 0 ? kind : 'fyi',
        due_at: p === 0 ? dueAt : null,
        urgent_reason: p === 0 && kind === 'urgent' ? 'production is down' : null,
        quote_post_id: null,
        quote_text: null,
        created_at: at,
        edited_at: null,
        deleted_at: null,
      });
    }
    posts += count;
    const first = postRows[0];
    const last = postRows.at(-1);
    sink.add('threads', {
      id: threadId,
      subject: sentence(3 + Math.floor(rand() * 4)),
      created_by: author,
      created_at: first.created_at,
      last_post_at: last.created_at,
      resolved_at: null,
      resolved_by: null,
    });
    for (const userId of addressed) sink.add('thread_people', { thread_id: threadId, user_id: userId });
    if (space) sink.add('thread_spaces', { thread_id: threadId, space_id: space });
    for (const row of postRows) sink.add('posts', row);

    // The opening post asks the whole audience but its author; replying answers it.
    const open = new Set();
    if (kind !== 'fyi') {
      for (const userId of participants) {
        if (userId === author) continue;
        const reply = postRows.find((r, i) => i > 0 && r.author_id === userId);
        sink.add('post_asks', {
          post_id: first.id,
          user_id: userId,
          answered_at: reply ? reply.created_at : null,
          answered_how: reply ? 'reply' : null,
        });
        if (!reply) open.add(userId);
      }
    }
    for (const userId of participants) {
      const needs = open.has(userId);
      const done = rand() < (needs ? 0.1 : 0.5);
      sink.add('inbox_items', {
        user_id: userId,
        thread_id: threadId,
        last_activity_at: last.created_at,
        last_post_id: last.id,
        unread: last.author_id !== userId && rand() < 0.3 ? 1 : 0,
        done_at: done ? last.created_at + 3600_000 : null,
        snoozed_until: !done && rand() < 0.02 ? now + DAY : null,
        needs_reply: needs ? 1 : 0,
        expectation: needs ? kind : null,
        due_at: needs ? dueAt : null,
      });
    }
    if (t % 500 === 499) await sink.flush();
  }
  await sink.flush();
  return { posts, words, ownerThreads };
}

function weighted(rand, choices) {
  let r = rand();
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return choices[0][0];
}
