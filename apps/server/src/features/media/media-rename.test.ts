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
import { emailsTo, linkTokenIn, outsiderSession, threadToEmails } from '../outsiders/outsiders.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';

describe.each(databasesUnderTest())('renaming a recording on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
  });
  afterEach(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, as: Session, payload?: object) =>
    request(t.app, { method, url, ...(payload && { payload }) }, as);
  const rename = (as: Session, id: string, title: unknown) =>
    call('PATCH', `/api/media/${id}`, as, { title });
  const create = async (as: Session, title = 'Quarterly demo.mp4') => {
    const response = await call('POST', '/api/media', as, {
      kind: 'video',
      source: 'upload',
      mimeType: 'video/mp4',
      title,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().media as { id: string; shareUrl: string };
  };

  it('lets the owner rename, trimmed, and answers the media as GET does', async () => {
    const media = await create(ana);
    const renamed = await rename(ana, media.id, '  Quarterly demo — final  ');
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: media.id, title: 'Quarterly demo — final', kind: 'video' });
    const fetched = await call('GET', `/api/media/${media.id}`, ana);
    expect(fetched.json().title).toBe('Quarterly demo — final');
    expect(Object.keys(renamed.json()).sort()).toEqual(Object.keys(fetched.json()).sort());
    const listed = (await call('GET', '/api/me/media', ana)).json().media;
    expect(listed[0].title).toBe('Quarterly demo — final');
  });

  it('refuses an empty or too long title with a message for the field', async () => {
    const media = await create(ana);
    for (const title of ['', '   ']) {
      const empty = await rename(ana, media.id, title);
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.fields).toEqual({ title: 'Give the recording a title' });
    }
    const long = await rename(ana, media.id, 'x'.repeat(201));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual({ title: 'Use at most 200 characters' });
    expect((await rename(ana, media.id, 'x'.repeat(200))).statusCode).toBe(200);
    const missing = await call('PATCH', `/api/media/${media.id}`, ana, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.title).toBeTruthy();
  });

  it('answers 404 to anyone but the owner, even someone who sees the post it is in', async () => {
    const media = await create(ana);
    const thread = await threadsApi(t).thread(ana, {
      recipients: { userIds: [ben.user.id] },
      mediaIds: [media.id],
    });
    const refused = await rename(ben, media.id, 'Mine now');
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    expect((await rename(ben, 'no-such-media', 'Mine now')).statusCode).toBe(404);

    // The owner's rename reaches the thread's viewers on their next load.
    expect((await rename(ana, media.id, 'Demo for Ben')).statusCode).toBe(200);
    const seen = (await threadsApi(t).get(ben, thread.id)).json();
    const titles = seen.posts.flatMap((p: { media: Array<{ title: string }> }) =>
      p.media.map((m) => m.title),
    );
    expect(titles).toEqual(['Demo for Ben']);
  });

  it('tells the owner’s other tabs (media.updated), only when the title changed', async () => {
    const media = await create(ana);
    const before = (await t.ctx.live.since(ana.user.id, 0, 100)).length;
    expect((await rename(ana, media.id, 'New name')).statusCode).toBe(200);
    const events = await t.ctx.live.since(ana.user.id, 0, 100);
    expect(events.slice(before).map((e) => e.event)).toEqual([{ type: 'media.updated', mediaId: media.id }]);
    expect((await rename(ana, media.id, 'New name')).statusCode).toBe(200);
    expect(await t.ctx.live.since(ana.user.id, 0, 100)).toHaveLength(events.length);
    expect((await t.ctx.live.since(ben.user.id, 0, 100)).map((e) => e.event)).not.toContainEqual({
      type: 'media.updated',
      mediaId: media.id,
    });
  });

  it('refuses a cookie write without its CSRF token; an API token needs none', async () => {
    const media = await create(ana);
    const forged = await request(
      t.app,
      {
        method: 'PATCH',
        url: `/api/media/${media.id}`,
        payload: { title: 'Forged' },
        headers: { 'x-csrf-token': '' },
      },
      ana,
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_token_invalid');
    expect((await call('GET', `/api/media/${media.id}`, ana)).json().title).toBe('Quarterly demo.mp4');

    // An API token is its own proof: scripts rename without a CSRF token.
    const { secret } = (await call('POST', '/api/tokens', ana, { name: 'script' })).json();
    const scripted = await request(t.app, {
      method: 'PATCH',
      url: `/api/media/${media.id}`,
      payload: { title: 'Scripted' },
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(scripted.statusCode, scripted.body).toBe(200);
    expect(scripted.json().title).toBe('Scripted');
  });

  it('is closed to outsiders, even for the voice reply they recorded themselves', async () => {
    await threadToEmails(t, ana, ['ann@client.example']);
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    const ann = await outsiderSession(t, linkTokenIn(mail));
    const created = await call('POST', '/api/media', ann, {
      kind: 'audio',
      source: 'recording',
      mimeType: 'audio/webm',
      title: 'Voice reply',
    });
    expect(created.statusCode, created.body).toBe(201);
    const own = created.json().media.id;
    const refused = await rename(ann, own, 'Renamed');
    expect(refused.statusCode).toBe(404);
    expect((await call('GET', `/api/media/${own}`, ann)).json().title).toBe('Voice reply');
    expect((await rename(ann, (await create(ana)).id, 'Renamed')).statusCode).toBe(404);
  });
});
