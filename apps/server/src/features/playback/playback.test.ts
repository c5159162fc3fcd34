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
import { fetchMedia, playbackUrls, testMedia } from './playback.test-helpers';

describe.each(databasesUnderTest())('playback URLs and positions (%s)', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let cleo: Session;
  let media: ReturnType<typeof testMedia>;

  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    cleo = await addMember(t.app, ana, { name: 'Cleo', email: 'cleo@example.com' });
    media = testMedia(t);
  });
  afterEach(async () => t.close());

  /** A recording on a post in a thread Ana addressed to Ben only. */
  async function postedToBen() {
    const added = await media.add(ana);
    await threadsApi(t).thread(ana, {
      recipients: { userIds: [ben.user.id], spaceIds: [] },
      mediaIds: [added.id],
    });
    return added;
  }

  it('gives the owner and people who can see the post signed URLs; 404 to everyone else', async () => {
    const { id } = await postedToBen();
    const forAna = await playbackUrls(t, ana, id);
    expect(forAna.playbackUrl).toMatch(new RegExp(`^/media/${id}/playable\\?exp=\\d+&sig=[\\w-]+$`));
    expect(forAna.posterUrl).toMatch(`/media/${id}/poster?`);
    expect(forAna.previewUrl).toBeNull();
    expect(forAna.originalUrl).toBeNull();
    expect(forAna.expiresAt - Date.now()).toBeGreaterThanOrEqual(10 * 60_000 - 5000);
    expect(forAna.positionMs).toBeNull();
    expect((await fetchMedia(t, forAna.playbackUrl, ana)).statusCode).toBe(200);

    const forBen = await playbackUrls(t, ben, id);
    expect((await fetchMedia(t, forBen.playbackUrl, ben)).statusCode).toBe(200);

    const forCleo = await request(t.app, { method: 'GET', url: `/api/media/${id}/playback` }, cleo);
    expect(forCleo.statusCode).toBe(404);
    expect((await request(t.app, { method: 'GET', url: `/api/media/${id}/playback` })).statusCode).toBe(401);
    const unknown = await request(t.app, { method: 'GET', url: '/api/media/nope/playback' }, ana);
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps a recording that is on no post to its owner', async () => {
    const { id } = await media.add(ana);
    const forBen = await request(t.app, { method: 'GET', url: `/api/media/${id}/playback` }, ben);
    expect(forBen.statusCode).toBe(404);
  });

  it('puts working signed URLs, for the caller, in the share page data', async () => {
    const { id, shareToken, bytes } = await media.add(ana);
    const shared = await request(t.app, { method: 'GET', url: `/api/share/${shareToken}` }, cleo);
    expect(shared.statusCode, shared.body).toBe(200);
    const { playbackUrl, posterUrl } = shared.json();
    expect(playbackUrl).toMatch(`/media/${id}/playable?`);
    expect(posterUrl).toMatch(`/media/${id}/poster?`);
    const asCleo = await fetchMedia(t, playbackUrl, cleo, { range: 'bytes=0-99' });
    expect(asCleo.statusCode).toBe(206);
    expect(asCleo.rawPayload.equals(bytes.subarray(0, 100))).toBe(true);
    expect((await fetchMedia(t, playbackUrl, ben)).statusCode).toBe(403);
  });

  it('binds a URL to its person: another session, or none, cannot use it', async () => {
    const { id } = await postedToBen();
    const { playbackUrl } = await playbackUrls(t, ana, id);
    const asBen = await fetchMedia(t, playbackUrl, ben);
    expect(asBen.statusCode).toBe(403);
    expect(asBen.json().error.code).toBe('media_link_invalid');
    expect((await fetchMedia(t, playbackUrl, undefined)).statusCode).toBe(401);
  });

  it('refuses tampered URLs and expired ones with 403', async () => {
    const { id } = await media.add(ana);
    const { playbackUrl, posterUrl } = await playbackUrls(t, ana, id);
    const url = new URL(playbackUrl, 'http://x');
    const sig = url.searchParams.get('sig') ?? '';
    const tampered = [
      playbackUrl.replace(`sig=${sig}`, `sig=${sig.slice(0, -2)}AA`),
      playbackUrl.replace(/exp=(\d+)/, (_m, exp) => `exp=${Number(exp) + 3600}`),
      playbackUrl.replace('/playable?', '/original?'),
      `${playbackUrl.split('?')[0]}?exp=${url.searchParams.get('exp')}`,
      String(posterUrl).replace(`/${id}/`, '/another-id/'),
    ];
    for (const bad of tampered) {
      const response = await fetchMedia(t, bad, ana);
      expect(response.statusCode, bad).toBe(403);
      expect(response.json().error.code).toBe('media_link_invalid');
    }
    t.travel(16 * 60_000);
    const expired = await fetchMedia(t, playbackUrl, ana);
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error.code).toBe('media_link_expired');
    // A fresh URL works again.
    const fresh = await playbackUrls(t, ana, id);
    expect((await fetchMedia(t, fresh.playbackUrl, ana)).statusCode).toBe(200);
  });

  it('checks on every request that the media still exists and is ready', async () => {
    const { id } = await media.add(ana);
    const { playbackUrl, posterUrl } = await playbackUrls(t, ana, id);
    await media.repo.update(id, { status: 'processing', playable_key: null });
    const notReady = await fetchMedia(t, playbackUrl, ana);
    expect(notReady.statusCode).toBe(404);
    expect(notReady.json().error.code).toBe('media_not_ready');
    expect((await fetchMedia(t, String(posterUrl), ana)).statusCode).toBe(200);

    await media.repo.delete(id);
    expect((await fetchMedia(t, String(posterUrl), ana)).statusCode).toBe(404);
  });

  it('redirects to a presigned URL when the store is object storage', async () => {
    const { id } = await media.add(ana);
    const { playbackUrl } = await playbackUrls(t, ana, id);
    const asked: Array<{ key: string; expiresInS: number; contentType?: string }> = [];
    t.ctx.blobs.presignedGetUrl = async (key, options) => {
      asked.push({ key, ...options });
      return `https://s3.example.test/bucket/${key}?X-Amz-Signature=abc`;
    };
    const response = await fetchMedia(t, playbackUrl, ana);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(
      `https://s3.example.test/bucket/test/${id}/playable.mp4?X-Amz-Signature=abc`,
    );
    expect(response.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect(asked[0]?.contentType).toBe('video/mp4');
    expect(asked[0]?.expiresInS).toBeGreaterThan(9 * 60);
    // The signature is still checked before any redirect.
    expect((await fetchMedia(t, playbackUrl.replace(/sig=[\w-]+/, 'sig=forged'), ana)).statusCode).toBe(403);
  });

  it('remembers where each person stopped', async () => {
    const { id } = await postedToBen();
    const put = (as: Session, positionMs: number) =>
      request(t.app, { method: 'PUT', url: `/api/media/${id}/position`, payload: { positionMs } }, as);
    expect((await put(ben, 5300)).json()).toEqual({ positionMs: 5300 });
    expect((await put(ben, 7100)).statusCode).toBe(200);
    expect((await put(ana, 1200)).statusCode).toBe(200);
    expect((await playbackUrls(t, ben, id)).positionMs).toBe(7100);
    expect((await playbackUrls(t, ana, id)).positionMs).toBe(1200);
    const asBen = await request(t.app, { method: 'GET', url: `/api/media/${id}` }, ben);
    expect(asBen.json().myPositionMs).toBe(7100);

    expect((await put(cleo, 100)).statusCode).toBe(404);
    expect((await put(ben, -1)).statusCode).toBe(400);
  });
});
