import type { SearchHit } from '@tidings/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';
import { seedSpace, seedThread } from '../inbox/testing/seed';

describe.each(databasesUnderTest())('search on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let cleo: Session;
  let gus: Session;
  let general: string;
  let board: string;
  let planning: { threadId: string; postIds: string[] };
  let lunch: { threadId: string; postIds: string[] };
  let onboarding: { threadId: string; postIds: string[] };

  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    cleo = await addMember(t.app, ana, { name: 'Cleo Outside', email: 'cleo@example.com' });
    gus = await addMember(t.app, ana, { name: 'Gus Guest', email: 'gus@example.com', role: 'guest' });
    const now = t.ctx.now();
    const db = t.ctx.db;
    general = await seedSpace(db, {
      name: 'General',
      visibility: 'public',
      createdBy: ana.user.id,
      members: [ana.user.id],
      at: now,
    });
    board = await seedSpace(db, {
      name: 'Board',
      visibility: 'private',
      createdBy: ana.user.id,
      members: [ana.user.id, ben.user.id],
      at: now,
    });
    planning = await seedThread(db, {
      subject: 'Quarterly planning kickoff',
      spaces: [board],
      posts: [
        {
          author: ana.user.id,
          body: 'We should deploy the rocket engine on Friday',
          at: now - 3000,
          expectation: 'reply',
          asks: [ben.user.id],
        },
        {
          author: ben.user.id,
          body: 'Agreed, deploying after lunch <script>alert(1)</script> & "more"',
          at: now - 2000,
        },
      ],
    });
    lunch = await seedThread(db, {
      subject: 'Lunch menu',
      spaces: [general],
      posts: [{ author: ana.user.id, body: 'Pizza or sushi for the rocket team?', at: now - 1000 }],
    });
    onboarding = await seedThread(db, {
      subject: 'Guest onboarding',
      people: [gus.user.id],
      posts: [{ author: ana.user.id, body: 'Welcome aboard, rocket scientist', at: now }],
    });
  });
  afterEach(() => t.close());

  const search = async (query: string, as: Session | { bearer: string } = ana): Promise<SearchHit[]> => {
    const url = `/api/search?${query.startsWith('q=') ? query : `q=${encodeURIComponent(query)}`}`;
    const response =
      'bearer' in as
        ? await request(t.app, { method: 'GET', url, headers: { authorization: `Bearer ${as.bearer}` } })
        : await request(t.app, { method: 'GET', url }, as);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().hits;
  };
  const postIds = async (query: string, as: Session | { bearer: string } = ana) =>
    (await search(query, as)).map((h) => h.postId).sort();
  const sorted = (...ids: (string | undefined)[]) => ids.map(String).sort();

  it('finds threads by subject words, once per thread, opening the first post', async () => {
    const hits = await search('quarterly');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      threadId: planning.threadId,
      postId: planning.postIds[0],
      subject: 'Quarterly planning kickoff',
      author: { id: ana.user.id, name: 'Ana Owner', avatarUrl: null },
    });
    expect(hits[0]?.snippetHtml).toContain('<mark>Quarterly</mark>');
  });

  it('finds body words, by prefix, and requires every word', async () => {
    expect(await postIds('rocket')).toEqual(
      sorted(planning.postIds[0], lunch.postIds[0], onboarding.postIds[0]),
    );
    expect(await postIds('deplo')).toEqual(sorted(...planning.postIds));
    expect(await postIds('rocket friday')).toEqual(sorted(planning.postIds[0]));
    expect(await postIds('PIZZA Rocket')).toEqual(sorted(lunch.postIds[0]));
    expect(await postIds('rocket nothingsuch')).toEqual([]);
  });

  it('highlights matches and escapes everything else', async () => {
    const [hit] = await search('deploying');
    expect(hit?.snippetHtml).toContain('<mark>deploying</mark>');
    expect(hit?.snippetHtml).not.toContain('<script');
    expect(hit?.snippetHtml).toContain('&amp;');
    expect(hit?.snippetHtml).not.toContain('"more"');
    expect(hit?.snippetHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows each person only what they may see', async () => {
    expect(await postIds('rocket', ben)).toEqual(sorted(planning.postIds[0], lunch.postIds[0]));
    // Cleo is a member outside the private space; Gus a guest added to one thread.
    expect(await postIds('rocket', cleo)).toEqual(sorted(lunch.postIds[0]));
    expect(await postIds('quarterly', cleo)).toEqual([]);
    expect(await postIds('rocket', gus)).toEqual(sorted(onboarding.postIds[0]));
    expect(await postIds('lunch', gus)).toEqual([]);
    const created = await request(
      t.app,
      { method: 'POST', url: '/api/tokens', payload: { name: 'cli' } },
      cleo,
    );
    const bearer = created.json().secret as string;
    expect(await postIds('rocket', { bearer })).toEqual(sorted(lunch.postIds[0]));
    expect(await postIds('deploying', { bearer })).toEqual([]);
    expect((await request(t.app, { method: 'GET', url: '/api/search?q=rocket' })).statusCode).toBe(401);
  });

  it('filters by space, author, needs-reply, date range and media', async () => {
    expect(await postIds(`q=rocket&spaceId=${general}`)).toEqual(sorted(lunch.postIds[0]));
    expect(await postIds(`q=deploy&authorId=${ben.user.id}`)).toEqual(sorted(planning.postIds[1]));
    expect(await postIds('q=rocket&needsReply=true', ben)).toEqual(sorted(planning.postIds[0]));
    expect(await postIds('q=rocket&needsReply=false', ben)).toHaveLength(2);
    expect(await postIds('q=rocket&needsReply=true', cleo)).toEqual([]);
    const lunchAt = (await search('pizza'))[0]?.createdAt as number;
    expect(await postIds(`q=rocket&from=${lunchAt}`)).toEqual(
      sorted(lunch.postIds[0], onboarding.postIds[0]),
    );
    expect(await postIds(`q=rocket&to=${lunchAt - 1}`)).toEqual(sorted(planning.postIds[0]));
    expect(await postIds('q=rocket&has=video')).toEqual([]);
    expect(await postIds('q=rocket&has=voice')).toEqual([]);
  });

  it('never lets the query syntax through', async () => {
    for (const q of [
      '"foo OR (',
      'rocket" OR "x',
      '***',
      'NEAR(rocket sushi)',
      "o'brien\\ :* & | !",
      '-rocket',
      'AND',
    ]) {
      await search(q);
    }
    // OR is just a word here: only the post with both "rocket" and "or" matches.
    expect(await postIds('"rocket OR (')).toEqual(sorted(lunch.postIds[0]));
    expect(await postIds('subject:rocket')).toEqual([]);
    const empty = await request(t.app, { method: 'GET', url: '/api/search?q=%20' }, ana);
    expect(empty.statusCode).toBe(400);
  });

  it('forgets deleted posts and re-indexes edits and renamed subjects', async () => {
    const db = t.ctx.db;
    await db
      .updateTable('posts')
      .set({ deleted_at: t.ctx.now() })
      .where('id', '=', lunch.postIds[0] as string)
      .execute();
    expect(await postIds('pizza')).toEqual([]);
    await db
      .deleteFrom('posts')
      .where('id', '=', onboarding.postIds[0] as string)
      .execute();
    expect(await postIds('scientist')).toEqual([]);

    await db
      .updateTable('posts')
      .set({ body_text: 'We should launch the satellite on Monday', edited_at: t.ctx.now() })
      .where('id', '=', planning.postIds[0] as string)
      .execute();
    expect(await postIds('friday')).toEqual([]);
    expect(await postIds('satellite monday')).toEqual(sorted(planning.postIds[0]));
    expect(await postIds('quarterly')).toEqual(sorted(planning.postIds[0]));

    await db
      .updateTable('threads')
      .set({ subject: 'Annual roadmap' })
      .where('id', '=', planning.threadId)
      .execute();
    expect(await postIds('quarterly')).toEqual([]);
    expect((await search('roadmap'))[0]?.subject).toBe('Annual roadmap');
  });
});
