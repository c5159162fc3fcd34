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
import { testMedia } from '../playback/playback.test-helpers';
import { shareApi } from '../share-links/share-links.test-helpers';
import { threadsApi } from '../threads/threads.test-helpers';
import { EXTERNAL_ROUTES, externalMayUse } from './outsiders.policy';
import { emailsTo, linkTokenIn, outsiderSession, threadToEmails } from './outsiders.test-helpers';

/** What an outsider may do, written out again here so a widened fence fails this test. */
const EXPECTED_ALLOWED = [
  'GET /api/setup',
  'GET /api/auth/session',
  'POST /api/auth/sign-out',
  'GET /api/me',
  'PATCH /api/me',
  'GET /api/outsiders/me',
  'GET /api/threads/:id',
  'POST /api/threads/:id/posts',
  'POST /api/threads/:id/read',
  'PATCH /api/posts/:id',
  'DELETE /api/posts/:id',
  'POST /api/posts/:id/answer',
  'GET /api/users/:id/avatar',
  'GET /api/posts/:postId/files/:fileId',
  'POST /api/media',
  'GET /api/media/:id',
  'POST /api/media/:id/stop',
  'DELETE /api/media/:id',
  'GET /api/me/media',
  'GET /api/workspace/settings',
  'POST /api/uploads',
  'PATCH /api/uploads/:id',
  'HEAD /api/uploads/:id',
  'OPTIONS /api/uploads',
  'OPTIONS /api/uploads/:id',
  'GET /api/media/:id/playback',
  'PUT /api/media/:id/position',
  'GET /api/media/:id/transcript',
  'GET /api/media/:id/captions.vtt',
  // Comments and reactions on the moment; what they watched (and, of their own recordings, who).
  'GET /api/media/:id/moments',
  'POST /api/media/:id/reactions',
  'DELETE /api/media/:id/reactions/:reactionId',
  'POST /api/media/:id/views',
  'GET /api/media/:id/views',
  'GET /api/events',
  'GET /api/s/:token',
  'POST /api/s/:token/unlock',
  'POST /api/s/:token/comments',
  'POST /api/s/:token/views',
  'GET /api/s/:token/media/:mediaId/captions.vtt',
];

/** Routes anyone may call without a session (setup, sign-in, invite pages, public links). */
const OPEN_TO_ALL =
  /^\/api\/(setup|auth\/sign-in|invites\/by-token|email\/unsubscribe|outsiders\/redeem|share|s\/|readyz|healthz)/;

describe.each(databasesUnderTest())('the fence around outsiders on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let ann: Session;
  let threadId: string;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    const thread = await threadToEmails(t, ana, ['ann@client.example', 'ben@example.com']);
    threadId = thread.id;
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    ann = await outsiderSession(t, linkTokenIn(mail));
  });
  afterEach(() => t.close());

  it('lists exactly the routes an outsider needs', () => {
    expect([...EXTERNAL_ROUTES].sort()).toEqual([...EXPECTED_ALLOWED].sort());
  });

  it('answers 404 to an outsider on every other route of the API', async () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const walked: string[] = [];
    for (const [path, operations] of Object.entries(spec.paths)) {
      const pattern = path.replace(/\{(\w+)\}/g, ':$1');
      for (const method of Object.keys(operations).map((m) => m.toUpperCase())) {
        // Outside /api (media bytes, share pages, health) the URL itself carries the permission.
        if (!pattern.startsWith('/api/') || externalMayUse(method, pattern) || OPEN_TO_ALL.test(pattern))
          continue;
        // Real ids where they matter: the outsider's own thread, a member, a made-up other.
        const url = path
          .replace('{id}', pattern.startsWith('/api/threads') ? threadId : ben.user.id)
          .replace('{userId}', ben.user.id)
          .replace(/\{\w+\}/g, 'x1');
        const response = await request(
          t.app,
          { method: method as 'GET', url, ...(method !== 'GET' && method !== 'DELETE' && { payload: {} }) },
          ann,
        );
        walked.push(`${method} ${pattern}`);
        expect(response.statusCode, `${method} ${pattern}: ${response.body}`).toBe(404);
        expect(response.body).not.toMatch(/ben@example\.com|Ben Member|Slides for Friday/);
      }
    }
    // The walk reached the workspace's sensitive corners.
    for (const route of [
      'GET /api/members',
      'GET /api/spaces',
      'GET /api/search',
      'POST /api/invites',
      'GET /api/tokens',
      'POST /api/tokens',
      'GET /api/admin/outbox',
      'GET /api/inbox',
      'POST /api/threads',
      'GET /api/threads/:id/outsiders',
      'DELETE /api/threads/:id/outsiders/:userId',
      'PATCH /api/workspace/settings',
      // Renaming a recording is a library/share-page feature; outsiders have neither.
      'PATCH /api/media/:id',
    ]) {
      expect(walked).toContain(route);
    }
  });

  it('does not open public spaces to outsiders: only what they were addressed to', async () => {
    const api = threadsApi(t);
    const open = await api.space(ana, { name: 'Open', visibility: 'public' });
    const video = await testMedia(t).add(ana);
    const inSpace = await api.thread(ana, { recipients: { spaceIds: [open.id] }, mediaIds: [video.id] });
    expect((await api.get(ben, inSpace.id)).statusCode).toBe(200);
    expect((await api.get(ann, inSpace.id)).statusCode).toBe(404);
    expect((await api.reply(ann, inSpace.id, { body: 'sneaking in' })).statusCode).toBe(404);
    const playback = await request(t.app, { method: 'GET', url: `/api/media/${video.id}/playback` }, ann);
    expect(playback.statusCode).toBe(404);
  });

  it("opens a share link in an outsider's browser like in anyone's", async () => {
    const link = await shareApi(t).created(ana, { kind: 'thread', id: threadId });
    const opened = await request(t.app, { method: 'GET', url: `/api/s/${link.token}` }, ann);
    expect(opened.statusCode, opened.body).toBe(200);
  });

  it('lets the outsider use what they need', async () => {
    expect((await request(t.app, { method: 'GET', url: `/api/threads/${threadId}` }, ann)).statusCode).toBe(
      200,
    );
    expect((await request(t.app, { method: 'GET', url: '/api/auth/session' }, ann)).statusCode).toBe(200);
    const renamed = await request(
      t.app,
      { method: 'PATCH', url: '/api/me', payload: { name: 'Ann Lee' } },
      ann,
    );
    expect(renamed.statusCode, renamed.body).toBe(200);
    const media = await request(
      t.app,
      {
        method: 'POST',
        url: '/api/media',
        payload: { kind: 'audio', source: 'recording', mimeType: 'audio/webm' },
      },
      ann,
    );
    expect(media.statusCode, media.body).toBe(201);
    const out = await request(t.app, { method: 'POST', url: '/api/auth/sign-out' }, ann);
    expect(out.statusCode).toBe(200);
    expect((await request(t.app, { method: 'GET', url: `/api/threads/${threadId}` }, ann)).statusCode).toBe(
      401,
    );
  });
});
