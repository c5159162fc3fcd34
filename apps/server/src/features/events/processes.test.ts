import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest, type TestDatabase } from '../../../test/databases';
import { call, setUpOwner, signedIn } from '../../../test/http-client';
import { type ServerProcess, startProcessPair } from '../../../test/server-process';
import { openSse, type SseConnection } from '../../../test/sse-client';

// Real `tidings serve` processes. On PostgreSQL two API processes share one database, and an
// event caused on one reaches a stream on the other (LISTEN/NOTIFY); on SQLite one process.
describe.each(databasesUnderTest())('live events between server processes on %s', (kind) => {
  let database: TestDatabase | null = null;
  const processes: ServerProcess[] = [];
  const streams: SseConnection[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await database?.drop();
  });

  it('delivers a post written on one process to a stream open on another, and shuts down cleanly', async () => {
    database = await createTestDatabase(kind);
    const [a, b] = await startProcessPair(database.url, kind, processes);
    const ana = await setUpOwner(a.url);
    const invite = await call(a.url, 'POST', '/api/invites', { role: 'member' }, ana);
    const ben = signedIn(
      await call(a.url, 'POST', `/api/invites/by-token/${invite.json.token}/accept`, {
        name: 'Ben Member',
        email: 'ben@example.com',
        password: 'another good password',
        timeZone: 'America/New_York',
      }),
    );

    const stream = await openSse(`${b.url}/api/events`, { cookie: ben.cookie });
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((c) => c.messages.some((m) => m.id !== undefined));

    const thread = await call(
      a.url,
      'POST',
      '/api/threads',
      {
        subject: 'Launch plan',
        recipients: { userIds: [ben.userId] },
        body: 'Can you review the plan by Friday?',
        expectation: { kind: 'reply_by', dueAt: Date.now() + 3 * 24 * 3600 * 1000 },
      },
      ana,
    );
    await stream.waitFor((c) => c.events().some((e) => e.type === 'post.created'), 10_000);
    const created = stream.events().find((e) => e.type === 'post.created');
    expect(created?.data).toMatchObject({ type: 'post.created', threadId: thread.json.id });

    // SIGTERM with Ben's stream still open: the process ends the stream and exits promptly.
    const codes = await Promise.all(processes.splice(0).map((p) => p.stop(10_000)));
    expect(codes.every((code) => code === 0)).toBe(true);
    await stream.waitFor((c) => c.ended());
  }, 120_000);
});
