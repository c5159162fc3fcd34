import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest, type TestDatabase } from '../../../test/databases';
import { call, setUpOwner, signedIn } from '../../../test/http-client';
import { type ServerProcess, startProcessPair } from '../../../test/server-process';
import { openSse, type SseConnection } from '../../../test/sse-client';

// Real `tidings serve` processes: on PostgreSQL the outsider's stream is open on one API process
// and the revoke happens on another (LISTEN/NOTIFY carries it); on SQLite there is one process.
describe.each(databasesUnderTest())('revoking an outsider across server processes on %s', (kind) => {
  let database: TestDatabase | null = null;
  const processes: ServerProcess[] = [];
  const streams: SseConnection[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    await database?.drop();
  });

  it('ends the outsider’s stream held by another process at once', async () => {
    database = await createTestDatabase(kind);
    const [a, b] = await startProcessPair(database.url, kind, processes);
    const ana = await setUpOwner(a.url);
    const thread = await call(
      a.url,
      'POST',
      '/api/threads',
      {
        subject: 'Contract',
        recipients: { emails: ['Ann Lee <ann@client.example>'] },
        body: 'Please sign by Friday.',
        expectation: { kind: 'fyi' },
      },
      ana,
    );
    const threadId = thread.json.id as string;
    const listed = await call(a.url, 'GET', `/api/threads/${threadId}/outsiders`, undefined, ana);
    const [outsider] = listed.json.outsiders as { person: { id: string } }[];
    if (!outsider) throw new Error('no outsider listed');
    const link = await call(
      a.url,
      'POST',
      `/api/threads/${threadId}/outsiders/${outsider.person.id}/links`,
      {},
      ana,
    );
    const token = String(link.json.url).split('/x/')[1];
    const ann = signedIn(await call(b.url, 'POST', '/api/outsiders/redeem', { token }));

    const stream = await openSse(`${b.url}/api/events`, { cookie: ann.cookie });
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((c) => c.messages.some((m) => m.id !== undefined));

    await call(a.url, 'DELETE', `/api/threads/${threadId}/outsiders/${outsider.person.id}`, undefined, ana);
    await stream.waitFor((c) => c.ended(), 5000);
    expect(stream.events().map((e) => e.type)).not.toContain('session.ended');
  }, 120_000);
});
