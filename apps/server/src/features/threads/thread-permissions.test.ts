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
import { threadsApi } from './threads.test-helpers';

describe.each(databasesUnderTest())('who may see threads and posts on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let mia: Session;
  let gus: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    mia = await addMember(t.app, ana, { name: 'Mia Outside', email: 'mia@example.com' });
    gus = await addMember(t.app, ana, { name: 'Gus Guest', email: 'gus@example.com', role: 'guest' });
    api = threadsApi(t);
  });
  afterEach(() => t.close());

  /** Every thread and post endpoint, as one caller; returns the statuses. */
  async function probe(
    threadId: string,
    postId: string,
    as: Session | undefined,
    headers: Record<string, string> = {},
  ) {
    const calls: [string, string, object?][] = [
      ['GET', `/api/threads/${threadId}`],
      ['POST', `/api/threads/${threadId}/posts`, { body: 'sneaking in' }],
      ['POST', `/api/threads/${threadId}/read`],
      ['POST', `/api/threads/${threadId}/resolve`],
      ['POST', `/api/threads/${threadId}/reopen`],
      ['PUT', `/api/threads/${threadId}/subscription`, { mode: 'follow' }],
      ['PATCH', `/api/posts/${postId}`, { body: 'rewritten' }],
      ['DELETE', `/api/posts/${postId}`],
      ['GET', `/api/posts/${postId}/revisions`],
      ['POST', `/api/posts/${postId}/answer`, { how: 'answered' }],
    ];
    const statuses: number[] = [];
    for (const [method, url, payload] of calls) {
      const response = await request(
        t.app,
        { method: method as 'GET', url, headers, ...(payload && { payload }) },
        as,
      );
      statuses.push(response.statusCode);
    }
    return statuses;
  }

  it('answers 404 to a member outside a private space, a guest, and a token that cannot see; 401 signed out', async () => {
    const secret = await api.space(ana, { name: 'Secret', visibility: 'private', memberIds: [ben.user.id] });
    const thread = await api.thread(ana, {
      recipients: { spaceIds: [secret.id] },
      expectation: { kind: 'reply' },
    });
    const postId = thread.posts[0].id;

    expect(await probe(thread.id, postId, mia)).toEqual(Array(10).fill(404));
    expect(await probe(thread.id, postId, gus)).toEqual(Array(10).fill(404));
    expect(await probe(thread.id, postId, undefined)).toEqual(Array(10).fill(401));

    const token = await request(
      t.app,
      { method: 'POST', url: '/api/tokens', payload: { name: 'script' } },
      mia,
    );
    const bearer = { authorization: `Bearer ${token.json().secret}` };
    expect(await probe(thread.id, postId, undefined, bearer)).toEqual(Array(10).fill(404));

    for (const as of [mia, gus]) {
      expect((await api.call('GET', `/api/spaces/${secret.id}`, as)).statusCode).toBe(404);
      expect((await api.call('GET', `/api/spaces/${secret.id}/threads`, as)).statusCode).toBe(404);
      expect((await api.call('POST', `/api/spaces/${secret.id}/join`, as)).statusCode).toBe(404);
    }
    // Nothing changed behind the refusals.
    const stillThere = (await api.get(ben, thread.id)).json();
    expect(stillThere.posts).toHaveLength(1);
    expect(stillThere.posts[0].bodyMarkdown).toBe('Could you look at the deck?');
    expect(stillThere.resolvedAt).toBeNull();
  });

  it('lets members see public-space threads, but guests only what they were added to', async () => {
    const open = await api.space(ana, { name: 'Open', visibility: 'public' });
    const thread = await api.thread(ana, { recipients: { spaceIds: [open.id] } });
    expect((await api.get(mia, thread.id)).statusCode).toBe(200);
    expect((await api.get(gus, thread.id)).statusCode).toBe(404);
    const listed = await api.call('GET', `/api/spaces/${open.id}/threads`, mia);
    expect(listed.json().threads.map((s: { id: string }) => s.id)).toEqual([thread.id]);

    const toGus = await api.thread(ana, { recipients: { userIds: [gus.user.id] } });
    expect((await api.get(gus, toGus.id)).statusCode).toBe(200);
    expect((await api.replied(gus, toGus.id)).author.name).toBe('Gus Guest');
    // Gus may not address a space he cannot see.
    const refused = await api.startThread(gus, { recipients: { spaceIds: [open.id] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.recipients).toBeDefined();
  });

  it('refuses a thread to an archived space', async () => {
    const old = await api.space(ana, { name: 'Old' });
    await api.call('PATCH', `/api/spaces/${old.id}`, ana, { archived: true });
    const refused = await api.startThread(ana, { recipients: { spaceIds: [old.id] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.recipients).toContain('archived');
  });

  it('publishes live notices to the people concerned only', async () => {
    const eventsOf = async (who: Session) => (await t.ctx.live.since(who.user.id, 0)).map((e) => e.event);
    const thread = await api.thread(ana, {
      recipients: { userIds: [ben.user.id] },
      expectation: { kind: 'reply' },
    });
    const postId = thread.posts[0].id;
    expect(await eventsOf(ben)).toEqual([
      { type: 'post.created', threadId: thread.id, postId },
      { type: 'inbox.changed', threadId: thread.id },
    ]);

    await api.call('POST', `/api/threads/${thread.id}/read`, ben);
    expect(await eventsOf(ana)).toContainEqual({ type: 'receipt', threadId: thread.id, postId });
    expect(await eventsOf(ben)).not.toContainEqual({ type: 'receipt', threadId: thread.id, postId });
    await api.call('PATCH', `/api/posts/${postId}`, ana, { body: 'Reworded' });
    expect(await eventsOf(ben)).toContainEqual({ type: 'post.updated', threadId: thread.id, postId });
    expect(await eventsOf(mia)).toEqual([]);
    expect(await eventsOf(gus)).toEqual([]);
  });
});
