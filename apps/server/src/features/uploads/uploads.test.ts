import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest, type TestDatabase } from '../../../test/databases';
import { addMember, request, type Session, setUpWorkspace } from '../../../test/harness';
import { ABANDONED_UPLOAD_MS, sweepAbandonedUploads } from '../media/sweep-abandoned';
import { type RunningServer, startCutPatch, startServer, tempDir, tusClient } from './uploads.test-helpers';

const KB = 1024;

async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${String(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databasesUnderTest())('tus uploads on %s', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  let server: RunningServer;
  let owner: Session;
  let ben: Session;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    dataDir = tempDir();
    server = await startServer(database.url, dataDir);
    owner = await setUpWorkspace(server.app);
    ben = await addMember(server.app, owner, { name: 'Ben', email: 'ben@example.com' });
  });
  afterEach(async () => {
    await server.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const newMedia = async (as: Session = owner, source = 'recording') => {
    const response = await request(
      server.app,
      { method: 'POST', url: '/api/media', payload: { kind: 'video', source, mimeType: 'video/webm' } },
      as,
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json().media.id as string;
  };
  const mediaOf = async (id: string) =>
    (await request(server.app, { method: 'GET', url: `/api/media/${id}` }, owner)).json();
  const stagedSize = (id: string) => {
    try {
      return fs.statSync(path.join(dataDir, 'uploads', id)).size;
    } catch {
      return -1;
    }
  };
  const storedOriginal = async (id: string) => {
    const blob = await server.ctx.blobs.get(`media/${id}/original`);
    if (!blob) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of blob.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  it('takes a recording in chunks with deferred length, survives an interrupted PATCH, and queues finalize', async () => {
    const tus = tusClient(server.url, owner);
    const data = randomBytes(300 * KB);
    const id = await newMedia();

    const created = await tus.create(id);
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    expect(location).toBe(`/api/uploads/${id}`);

    const first = await tus.patch(location, 0, data.subarray(0, 100 * KB));
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe(String(100 * KB));
    expect((await mediaOf(id)).uploadedBytes).toBe(100 * KB);

    // The network drops in the middle of the second chunk: what arrived is kept.
    const cut = startCutPatch(server.url, location, owner, {
      offset: 100 * KB,
      declared: 100 * KB,
      sent: data.subarray(100 * KB, 150 * KB),
    });
    await until(
      () => stagedSize(id),
      (size) => size >= 150 * KB,
      'the partial chunk on disk',
    );
    cut.destroy();
    const resumed = await until(
      async () => Number((await tus.head(location)).headers.get('upload-offset')),
      (offset) => offset === 150 * KB,
      'HEAD to report the bytes kept',
    );
    expect((await tus.head(location)).headers.get('upload-defer-length')).toBe('1');

    const last = await tus.patch(location, resumed, data.subarray(resumed), {
      'upload-length': String(data.length),
    });
    expect(last.status).toBe(204);

    const media = await mediaOf(id);
    expect(media).toMatchObject({ status: 'processing', sizeBytes: data.length, uploadedBytes: data.length });
    expect((await storedOriginal(id))?.equals(data)).toBe(true);
    expect(stagedSize(id)).toBe(-1);
    const jobs = await server.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'media.finalize')
      .execute();
    expect(jobs.map((j) => JSON.parse(j.payload))).toEqual([{ mediaId: id }]);

    // A client that missed the last answer learns every byte is here.
    const after = await tus.head(location);
    expect(after.status).toBe(200);
    expect(after.headers.get('upload-offset')).toBe(String(data.length));
    // And the same media cannot be uploaded twice.
    expect((await tus.create(id)).status).toBe(404);
  });

  it('sweeps uploads abandoned for a week, never one attached to a post or still moving', async () => {
    const tus = tusClient(server.url, owner);
    const [abandoned, posted, recent] = [await newMedia(), await newMedia(), await newMedia()];
    for (const id of [abandoned, posted, recent]) {
      const created = await tus.create(id);
      expect((await tus.patch(created.headers.get('location') ?? '', 0, randomBytes(10 * KB))).status).toBe(
        204,
      );
    }
    const thread = await request(
      server.app,
      {
        method: 'POST',
        url: '/api/threads',
        payload: {
          subject: 'Demo',
          recipients: { userIds: [ben.user.id] },
          body: 'See the recording',
          expectation: { kind: 'fyi' },
          mediaIds: [posted],
        },
      },
      owner,
    );
    expect(thread.statusCode, thread.body).toBe(201);
    const weekAgo = Date.now() - ABANDONED_UPLOAD_MS - 60_000;
    await server.ctx.db
      .updateTable('media')
      .set({ updated_at: weekAgo })
      .where('id', 'in', [abandoned, posted])
      .execute();

    expect(await sweepAbandonedUploads(server.ctx)).toBe(1);
    expect(
      (await request(server.app, { method: 'GET', url: `/api/media/${abandoned}` }, owner)).statusCode,
    ).toBe(404);
    expect(stagedSize(abandoned)).toBe(-1);
    expect((await mediaOf(posted)).status).toBe('uploading');
    expect(stagedSize(posted)).toBe(10 * KB);
    expect((await mediaOf(recent)).uploadedBytes).toBe(10 * KB);
  });

  it('resumes after a server restart', async () => {
    const data = randomBytes(200 * KB);
    const id = await newMedia(owner, 'upload');
    const created = await tusClient(server.url, owner).create(id, data.length);
    const location = created.headers.get('location') ?? '';
    expect((await tusClient(server.url, owner).patch(location, 0, data.subarray(0, 64 * KB))).status).toBe(
      204,
    );

    await server.stop();
    server = await startServer(database.url, dataDir);
    const tus = tusClient(server.url, owner);
    const head = await tus.head(location);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(64 * KB));
    expect(head.headers.get('upload-length')).toBe(String(data.length));
    expect((await tus.patch(location, 64 * KB, data.subarray(64 * KB))).status).toBe(204);
    expect((await storedOriginal(id))?.equals(data)).toBe(true);
    expect((await mediaOf(id)).status).toBe('processing');
  });

  it("answers 404 for another person's media, 401 signed out, 403 without the CSRF header", async () => {
    const id = await newMedia();
    expect((await tusClient(server.url, ben).create(id)).status).toBe(404);
    expect((await tusClient(server.url).create(id)).status).toBe(401);
    expect((await tusClient(server.url, ben).create('no-such-media')).status).toBe(404);

    const location = (await tusClient(server.url, owner).create(id)).headers.get('location') ?? '';
    expect((await tusClient(server.url, ben).head(location)).status).toBe(404);
    expect((await tusClient(server.url, ben).patch(location, 0, Buffer.from('x'))).status).toBe(404);
    const noCsrf = await tusClient(server.url, { ...owner, csrfToken: 'wrong' }).patch(
      location,
      0,
      Buffer.from('x'),
    );
    expect(noCsrf.status).toBe(403);
    expect((await tusClient(server.url, owner).head(location)).headers.get('upload-offset')).toBe('0');
  });

  it('refuses uploads over the workspace limit with 413', async () => {
    const limit = 1024 * KB;
    const set = await request(
      server.app,
      { method: 'PATCH', url: '/api/workspace/settings', payload: { maxUploadBytes: limit } },
      owner,
    );
    expect(set.statusCode).toBe(200);
    const tus = tusClient(server.url, owner);
    expect((await tus.create(await newMedia(owner, 'upload'), limit + 1)).status).toBe(413);

    const location = (await tus.create(await newMedia())).headers.get('location') ?? '';
    const tooLong = await tus.patch(location, 0, Buffer.alloc(10), { 'upload-length': String(limit + 1) });
    expect(tooLong.status).toBe(413);
    const tooMuch = await tus.patch(location, 0, Buffer.alloc(limit + 10));
    expect(tooMuch.status).toBe(413);
  });
});
