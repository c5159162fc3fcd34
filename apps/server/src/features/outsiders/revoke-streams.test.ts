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
import { listen, openSse, type SseConnection } from '../../../test/sse-client';
import { emailsTo, linkTokenIn, outsiderSession, threadToEmails } from './outsiders.test-helpers';

describe.each(databasesUnderTest())('revoking an outsider ends their live streams on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let base: string;
  const streams: SseConnection[] = [];
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    base = await listen(t.app);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await t.close();
  });

  const open = async (session: Session, headers: Record<string, string> = {}) => {
    const s = await openSse(`${base}/api/events`, { cookie: session.cookie, ...headers });
    streams.push(s);
    await s.waitFor((c) => c.messages.some((m) => m.id !== undefined));
    return s;
  };

  it('closes every open stream of the outsider at once; members’ streams stay open', async () => {
    const thread = await threadToEmails(t, ana, ['ann@client.example'], {
      recipients: { emails: ['ann@client.example'], userIds: [ben.user.id] },
    });
    const [mail] = await emailsTo(t, 'ann@client.example');
    if (!mail) throw new Error('no email');
    const ann = await outsiderSession(t, linkTokenIn(mail));
    const tabs = [await open(ann), await open(ann)];
    const member = await open(ben);
    expect(tabs.every((s) => s.status === 200 && !s.ended())).toBe(true);

    const revoked = await request(
      t.app,
      { method: 'DELETE', url: `/api/threads/${thread.id}/outsiders/${ann.user.id}` },
      ana,
    );
    expect(revoked.statusCode).toBe(200);
    // Well before the 15-minute stream lifetime or the 25 s heartbeat: at once.
    for (const tab of tabs) await tab.waitFor((c) => c.ended(), 2000);
    for (const tab of tabs) expect(tab.events().map((e) => e.type)).not.toContain('session.ended');
    await member.waitFor((c) => c.events().some((e) => e.type === 'thread.updated'));
    expect(member.ended()).toBe(false);

    // Reconnecting, even from where the stream stood, is refused: the session is gone.
    const again = await openSse(`${base}/api/events`, { cookie: ann.cookie });
    streams.push(again);
    expect(again.status).toBe(401);
  });

  it('never replays an old end-of-session to a later stream of the same person', async () => {
    await t.ctx.live.publish([ben.user.id], { type: 'session.ended' });
    const stream = await open(ben, { 'last-event-id': '0' });
    await t.ctx.live.publish([ben.user.id], { type: 'inbox.changed', threadId: 'a-thread' });
    await stream.waitFor((c) => c.messages.some((m) => m.id !== undefined && Number(m.id) > 1));
    expect(stream.ended()).toBe(false);
    expect(stream.events().map((e) => e.type)).not.toContain('session.ended');
  });
});
