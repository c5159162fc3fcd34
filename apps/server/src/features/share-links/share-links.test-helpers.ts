import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { request, type Session, type TestApp } from '../../../test/harness';
import { newId } from '../../lib/ids';
import { testMedia } from '../playback/playback.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';

/** Small wrappers over the share-link API, so each test reads as the story it tells. */
export function shareApi(t: TestApp) {
  const threads = threadsApi(t);
  const media = testMedia(t);
  return {
    /** Ana's thread to Ben with a post ("Could you look at the deck?") carrying a ready recording. */
    async postedRecording(ana: Session, ben: Session) {
      const added = await media.add(ana);
      await media.repo.update(added.id, { title: 'Deck walkthrough', duration_ms: 12_000 });
      const thread = await threads.thread(ana, {
        recipients: { userIds: [ben.user.id], spaceIds: [] },
        mediaIds: [added.id],
      });
      const postId: string = thread.posts[0].id;
      return { mediaId: added.id, threadId: thread.id as string, postId, bytes: added.bytes };
    },
    create: (as: Session | undefined, payload: Record<string, unknown>) =>
      request(t.app, { method: 'POST', url: '/api/share-links', payload }, as),
    async created(as: Session, payload: Record<string, unknown>) {
      const response = await this.create(as, payload);
      expect(response.statusCode, response.body).toBe(201);
      const body = response.json() as { url: string; link: { id: string } & Record<string, unknown> };
      return { ...body, token: body.url.split('/s/')[1] ?? '' };
    },
    list: (as: Session, kind: string, id: string) =>
      request(t.app, { method: 'GET', url: `/api/share-links?kind=${kind}&id=${id}` }, as),
    revoke: (as: Session, id: string) =>
      request(t.app, { method: 'POST', url: `/api/share-links/${id}/revoke` }, as),
    /** The public side: no session, optional cookie and IP. */
    view: (token: string, cookie?: string, ip = '10.1.1.1') =>
      request(t.app, {
        method: 'GET',
        url: `/api/s/${token}`,
        remoteAddress: ip,
        ...(cookie && { headers: { cookie } }),
      }),
    unlock: (token: string, password: string, ip = '10.1.1.1', cookie?: string) =>
      request(t.app, {
        method: 'POST',
        url: `/api/s/${token}/unlock`,
        payload: { password },
        remoteAddress: ip,
        ...(cookie && { headers: { cookie } }),
      }),
    comment: (token: string, payload: Record<string, unknown>, cookie?: string) =>
      request(t.app, {
        method: 'POST',
        url: `/api/s/${token}/comments`,
        payload,
        ...(cookie && { headers: { cookie } }),
      }),
    /** An outsider (role 'external') with a session of their own. */
    async outsider(): Promise<Session> {
      const now = t.ctx.now();
      const id = newId();
      await t.ctx.db
        .insertInto('users')
        .values({
          id,
          email: `outsider-${id}@example.net`,
          name: 'Olga Outside',
          password_hash: '',
          role: 'external',
          time_zone: 'UTC',
          avatar_key: null,
          created_at: now,
          updated_at: now,
          language: null,
        })
        .execute();
      const user = await t.ctx.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const started = await t.services.accounts.startSession(user, { ip: '127.0.0.1', userAgent: null });
      return {
        cookie: `tidings_session=${started.token}`,
        csrfToken: started.session.csrf_token,
        user: { id, name: user.name } as Session['user'],
      };
    },
  };
}

/** The `name=value` of the share cookie a response set. */
export function shareCookie(response: LightMyRequestResponse): string {
  const raw = response.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const found = all.find((c) => c.startsWith('tidings_share_'));
  if (!found) throw new Error(`no share cookie in ${response.statusCode}: ${JSON.stringify(all)}`);
  return found.split(';')[0] ?? '';
}
