import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { shareApi } from './share-links.test-helpers';

describe.each(databasesUnderTest())('comments through share links, live (%s)', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let share: ReturnType<typeof shareApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    share = shareApi(t);
  });
  afterEach(async () => t.close());

  const eventsAfter = async (userId: string, after: number) =>
    (await t.ctx.live.since(userId, after)).map((e) => e.event);

  it('publishes moments.changed to those who can see the thread, like a comment in the app', async () => {
    const posted = await share.postedRecording(ana, ben);
    const { token } = await share.created(ana, { kind: 'media', id: posted.mediaId, allowComments: true });
    const before = {
      ana: await t.ctx.live.latestId(ana.user.id),
      ben: await t.ctx.live.latestId(ben.user.id),
    };

    const onTheMoment = await share.comment(token, { name: 'Vera Viewer', body: 'Here!', atMs: 1200 });
    expect(onTheMoment.statusCode, onTheMoment.body).toBe(201);
    const threadId = (
      await t.ctx.db
        .selectFrom('posts')
        .select('thread_id')
        .where('id', '=', onTheMoment.json().postId)
        .executeTakeFirstOrThrow()
    ).thread_id;
    for (const [person, after] of [
      [ana, before.ana],
      [ben, before.ben],
    ] as const) {
      expect(await eventsAfter(person.user.id, after)).toContainEqual({
        type: 'moments.changed',
        threadId,
        mediaId: posted.mediaId,
      });
    }

    // A comment with no moment (a thread link) makes no mark, so no moments event.
    const threadLink = await share.created(ana, { kind: 'thread', id: threadId, allowComments: true });
    const mark = await t.ctx.live.latestId(ben.user.id);
    const plain = await share.comment(threadLink.token, { name: 'Vera Viewer', body: 'In general: good' });
    expect(plain.statusCode, plain.body).toBe(201);
    const types = (await eventsAfter(ben.user.id, mark)).map((e) => e.type);
    expect(types).toContain('post.created');
    expect(types).not.toContain('moments.changed');
  });
});
