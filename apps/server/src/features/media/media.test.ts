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
import { threadsApi } from '../threads/threads.test-helpers';

describe.each(databasesUnderTest())('media API on %s', (kind) => {
  let t: TestApp;
  let owner: Session;
  let ben: Session;
  beforeEach(async () => {
    t = await createTestApp(kind, { PUBLIC_URL: 'https://tidings.example.com' });
    owner = await setUpWorkspace(t.app);
    ben = await addMember(t.app, owner, { name: 'Ben', email: 'ben@example.com' });
  });
  afterEach(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, as?: Session, payload?: object) =>
    request(t.app, { method, url, ...(payload && { payload }) }, as);
  const recording = { kind: 'video', source: 'recording', mimeType: 'video/webm;codecs=vp9,opus' };
  const create = async (as: Session, payload: object = recording) => {
    const response = await call('POST', '/api/media', as, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().media;
  };

  it('creates the media and its share link at once, before any byte', async () => {
    const response = await call('POST', '/api/media', owner, { ...recording, title: 'Demo' });
    expect(response.statusCode).toBe(201);
    const { media, uploadEndpoint } = response.json();
    expect(uploadEndpoint).toBe('/api/uploads');
    expect(media).toMatchObject({
      status: 'uploading',
      kind: 'video',
      source: 'recording',
      title: 'Demo',
      uploadedBytes: 0,
      postId: null,
      owner: { name: 'Ana Owner' },
      recordingStoppedAt: null,
    });
    const token = media.shareUrl.match(/^https:\/\/tidings\.example\.com\/v\/([\w-]+)$/)?.[1];
    expect(token?.length).toBeGreaterThanOrEqual(43); // 256 bits
    const shared = await call('GET', `/api/share/${token}`, ben);
    expect(shared.statusCode).toBe(200);
    expect(shared.json().id).toBe(media.id);
  });

  it('refuses what is not audio or video (415) and what is over the limit (413)', async () => {
    const text = await call('POST', '/api/media', owner, { ...recording, mimeType: 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('media_type_unsupported');
    const big = await call('POST', '/api/media', owner, {
      kind: 'video',
      source: 'upload',
      mimeType: 'video/mp4',
      sizeBytes: 5 * 1024 ** 3,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('media_too_large');
  });

  it('lets admins set the workspace limits, and applies them', async () => {
    expect((await call('GET', '/api/workspace/settings', ben)).json()).toEqual({
      maxRecordingMinutes: 30,
      maxUploadBytes: 4 * 1024 ** 3,
      language: null, // transcription language (issue 5)
      namedReceipts: true, // issue 7
      externalLinkIdleDays: 30,
    });
    const denied = await call('PATCH', '/api/workspace/settings', ben, { maxRecordingMinutes: 5 });
    expect(denied.statusCode).toBe(403);
    const changed = await call('PATCH', '/api/workspace/settings', owner, {
      maxRecordingMinutes: 10,
      maxUploadBytes: 2 * 1024 ** 2,
    });
    expect(changed.json()).toEqual({
      maxRecordingMinutes: 10,
      maxUploadBytes: 2 * 1024 ** 2,
      language: null,
      namedReceipts: true,
      externalLinkIdleDays: 30,
    });
    const big = await call('POST', '/api/media', owner, { ...recording, sizeBytes: 3 * 1024 ** 2 });
    expect(big.statusCode).toBe(413);
  });

  it('shows a media to its owner only until it is in a post; stop marks the recording', async () => {
    const media = await create(owner);
    expect((await call('GET', `/api/media/${media.id}`, owner)).statusCode).toBe(200);
    expect((await call('GET', `/api/media/${media.id}`, ben)).statusCode).toBe(404);
    expect((await call('GET', `/api/media/${media.id}`)).statusCode).toBe(401);
    expect((await call('POST', `/api/media/${media.id}/stop`, ben, {})).statusCode).toBe(404);

    const stopped = await call('POST', `/api/media/${media.id}/stop`, owner, { durationMs: 10_000 });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json().recordingStoppedAt).toBeGreaterThan(0);
    expect(stopped.json().status).toBe('uploading');
    expect(stopped.json().durationMs).toBe(10_000);
    const events = await t.ctx.live.since(owner.user.id, 0, 50);
    expect(events.map((e) => e.event)).toContainEqual({ type: 'media.updated', mediaId: media.id });
  });

  it("lists the caller's recordings newest first", async () => {
    const first = await create(owner);
    t.travel(1000);
    const second = await create(owner, { kind: 'audio', source: 'recording', mimeType: 'audio/webm' });
    await create(ben);
    const mine = (await call('GET', '/api/me/media', owner)).json().media;
    expect(mine.map((m: { id: string }) => m.id)).toEqual([second.id, first.id]);
  });

  it('deletes (owner only)', async () => {
    const media = await create(owner);
    expect((await call('DELETE', `/api/media/${media.id}`, ben)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/media/${media.id}`, owner)).statusCode).toBe(200);
    expect((await call('GET', `/api/media/${media.id}`, owner)).statusCode).toBe(404);
  });

  it('attaches media to a post: its viewers see it, others get 404', async () => {
    const api = threadsApi(t);
    const cleo = await addMember(t.app, owner, { name: 'Cleo', email: 'cleo@example.com' });
    const media = await create(owner);
    const thread = await api.thread(owner, {
      recipients: { userIds: [ben.user.id] },
      mediaIds: [media.id],
    });
    const post = thread.posts[0];
    expect(post.media).toHaveLength(1);
    expect(post.media[0]).toMatchObject({ id: media.id, postId: post.id, status: 'uploading' });

    const seen = await call('GET', `/api/media/${media.id}`, ben);
    expect(seen.statusCode).toBe(200);
    expect((await api.get(ben, thread.id)).json().posts[0].media[0].id).toBe(media.id);
    expect((await call('GET', `/api/media/${media.id}`, cleo)).statusCode).toBe(404);

    // Once in a post it cannot go into another, and nobody attaches someone else's media.
    const again = await api.reply(owner, thread.id, { mediaIds: [media.id] });
    expect(again.statusCode).toBe(400);
    const bens = await create(ben);
    const stolen = await api.reply(owner, thread.id, { mediaIds: [bens.id] });
    expect(stolen.statusCode).toBe(400);
    const reply = await api.replied(ben, thread.id, { mediaIds: [bens.id] });
    expect(reply.media.map((m: { id: string }) => m.id)).toEqual([bens.id]);
    const tooMany = await api.reply(owner, thread.id, {
      mediaIds: Array.from({ length: 11 }, (_, i) => `m${i}`),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('takes a recording alone as a whole message, but not an empty one', async () => {
    const api = threadsApi(t);
    const media = await create(owner);
    const thread = await api.thread(owner, {
      recipients: { userIds: [ben.user.id] },
      body: '',
      mediaIds: [media.id],
    });
    expect(thread.posts[0].bodyHtml).toBe('');
    expect(thread.posts[0].media[0].id).toBe(media.id);
    const voiceNote = await api.replied(ben, thread.id, { body: '   ', mediaIds: [(await create(ben)).id] });
    expect(voiceNote.media).toHaveLength(1);
    const empty = await api.reply(ben, thread.id, { body: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.body).toBe('Write a reply or attach a recording');
  });

  it('opens the share page for members; guests only when they can see the post', async () => {
    const guest = await addMember(t.app, owner, { name: 'Gus', email: 'gus@example.com', role: 'guest' });
    const media = await create(owner);
    const token = media.shareUrl.split('/v/')[1];
    expect((await call('GET', `/api/share/${token}`, ben)).statusCode).toBe(200);
    expect((await call('GET', `/api/share/${token}`, guest)).statusCode).toBe(404);
    expect((await call('GET', `/api/share/${'x'.repeat(43)}`, ben)).statusCode).toBe(404);
    expect((await call('GET', `/api/share/${token}`)).statusCode).toBe(401);
    await threadsApi(t).thread(owner, { recipients: { userIds: [guest.user.id] }, mediaIds: [media.id] });
    expect((await call('GET', `/api/share/${token}`, guest)).statusCode).toBe(200);
  });
});
