import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest, type TestDatabase } from '../../../test/databases';
import { request, type Session, setUpWorkspace } from '../../../test/harness';
import { type S3rverProcess, startS3rver } from '../../../test/s3rver';
import { s3ClientConfig } from '../../adapters/blob/s3-store';
import { S3_STAGING_PREFIX } from '../../adapters/upload-staging/s3-upload-staging';
import { type RunningServer, startCutPatch, startServer, tempDir, tusClient } from './uploads.test-helpers';

const KB = 1024;
const MB = 1024 * KB;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${String(value)}`);
    await sleep(50);
  }
}

/** Uploads in progress live in the bucket, so any API node (app instance) can take any chunk. */
describe('tus uploads with STORAGE=s3', () => {
  let s3: S3rverProcess;
  let bucket: S3Client;
  beforeAll(async () => {
    s3 = await startS3rver();
    bucket = new S3Client(
      s3ClientConfig({
        endpoint: s3.endpoint,
        bucket: s3.bucket,
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      }),
    );
  }, 30_000);
  afterAll(() => s3?.stop());

  /** Every object staged for this media (s3rver cannot list multipart uploads; real S3 can). */
  async function staged(id: string): Promise<string[]> {
    const Prefix = `${S3_STAGING_PREFIX}${id}`;
    const objects = await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix }));
    return (objects.Contents ?? []).map((o) => o.Key ?? '').sort();
  }

  describe.each(databasesUnderTest())('on %s', (kind) => {
    let database: TestDatabase;
    const dataDirs: string[] = [];
    const servers: RunningServer[] = [];
    let server: RunningServer;
    let owner: Session;

    /** Another API node: same database and bucket, its own DATA_DIR. */
    async function startNode(): Promise<RunningServer> {
      const dataDir = tempDir();
      dataDirs.push(dataDir);
      const node = await startServer(database.url, dataDir, s3.env);
      servers.push(node);
      return node;
    }
    const stopNode = async (node: RunningServer) => {
      servers.splice(servers.indexOf(node), 1);
      await node.stop();
    };

    beforeEach(async () => {
      database = await createTestDatabase(kind);
      server = await startNode();
      owner = await setUpWorkspace(server.app);
    });
    afterEach(async () => {
      for (const node of servers.splice(0)) await node.stop();
      await database.drop();
      for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });

    const newMedia = async (source = 'recording') => {
      const response = await request(
        server.app,
        { method: 'POST', url: '/api/media', payload: { kind: 'video', source, mimeType: 'video/webm' } },
        owner,
      );
      expect(response.statusCode, response.body).toBe(201);
      return response.json().media.id as string;
    };
    const mediaOf = async (id: string) =>
      (await request(server.app, { method: 'GET', url: `/api/media/${id}` }, owner)).json();
    const original = async (id: string) => {
      const blob = await server.ctx.blobs.get(`media/${id}/original`);
      if (!blob) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of blob.stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    const localStagingWritten = () => dataDirs.some((dir) => fs.existsSync(path.join(dir, 'uploads')));

    it('takes a deferred-length recording in small PATCHes and moves it to media/<id>/original', async () => {
      const tus = tusClient(server.url, owner);
      const id = await newMedia();
      const data = randomBytes(7 * 300 * KB);
      const created = await tus.create(id);
      expect(created.status).toBe(201);
      const location = created.headers.get('location') ?? '';

      for (let i = 0; i < 6; i++) {
        const offset = i * 300 * KB;
        const patch = await tus.patch(location, offset, data.subarray(offset, offset + 300 * KB));
        expect(patch.status).toBe(204);
        expect(patch.headers.get('upload-offset')).toBe(String(offset + 300 * KB));
      }
      // Under S3's 5 MiB minimum part, the bytes so far wait as the incomplete-part object.
      expect(await staged(id)).toEqual([`${S3_STAGING_PREFIX}${id}.info`, `${S3_STAGING_PREFIX}${id}.part`]);
      expect((await mediaOf(id)).uploadedBytes).toBe(6 * 300 * KB);

      const last = await tus.patch(location, 6 * 300 * KB, data.subarray(6 * 300 * KB), {
        'upload-length': String(data.length),
      });
      expect(last.status).toBe(204);
      expect((await original(id))?.equals(data)).toBe(true);
      expect(await server.ctx.blobs.stat(`media/${id}/original`)).toMatchObject({
        size: data.length,
        contentType: 'video/webm',
      });
      expect(await mediaOf(id)).toMatchObject({ status: 'processing', uploadedBytes: data.length });
      expect(await staged(id)).toEqual([]);
      expect(localStagingWritten()).toBe(false);
      expect(server.ctx.blobs.localPath).toBeUndefined();
    });

    it('continues an upload on another API node, past the 5 MiB part size, and refuses to create it twice', async () => {
      const other = await startNode();
      const nodes = [server.url, other.url];
      const id = await newMedia();
      const data = randomBytes(4 * 2 * MB + 123 * KB);
      const location = (await tusClient(server.url, owner).create(id)).headers.get('location') ?? '';

      // Chunks alternate between the nodes, as a load balancer without sticky routing sends them.
      for (let i = 0; i < 4; i++) {
        const tus = tusClient(nodes[i % 2] ?? '', owner);
        const offset = i * 2 * MB;
        const head = await tus.head(location);
        expect(head.headers.get('upload-offset')).toBe(String(offset));
        expect(head.headers.get('upload-defer-length')).toBe('1');
        expect((await tus.patch(location, offset, data.subarray(offset, offset + 2 * MB))).status).toBe(204);
      }
      // 8 MiB so far: one 5 MiB part of the multipart upload, the rest waits in `.part`.
      expect(await staged(id)).toEqual(
        ['.info', '.part', '.parts'].map((suffix) => `${S3_STAGING_PREFIX}${id}${suffix}`),
      );
      const again = await tusClient(other.url, owner).create(id);
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('upload_exists');

      const last = await tusClient(other.url, owner).patch(location, 8 * MB, data.subarray(8 * MB), {
        'upload-length': String(data.length),
      });
      expect(last.status).toBe(204);
      expect((await original(id))?.equals(data)).toBe(true);
      expect((await mediaOf(id)).status).toBe('processing');
      expect(await staged(id)).toEqual([]);
      expect(localStagingWritten()).toBe(false);
      // Whichever node a client that missed the last answer asks, every byte is here.
      const head = await tusClient(server.url, owner).head(location);
      expect(head.headers.get('upload-offset')).toBe(String(data.length));
    });

    it('after a restart HEAD reports the offset kept in the bucket, even past a cut PATCH', async () => {
      const id = await newMedia();
      const data = randomBytes(900 * KB);
      const location = (await tusClient(server.url, owner).create(id)).headers.get('location') ?? '';
      const first = await tusClient(server.url, owner).patch(location, 0, data.subarray(0, 300 * KB));
      expect(first.status).toBe(204);

      // The network drops in the middle of the second chunk: the bytes already acknowledged stay.
      const cut = startCutPatch(server.url, location, owner, {
        offset: 300 * KB,
        declared: 300 * KB,
        sent: data.subarray(300 * KB, 400 * KB),
      });
      await sleep(300);
      cut.destroy();
      const offsetOf = async (url: string) =>
        Number((await tusClient(url, owner).head(location)).headers.get('upload-offset'));
      const before = await until(
        () => offsetOf(server.url),
        (offset) => offset > 300 * KB,
        'the bytes of the cut PATCH',
      );
      expect(before).toBeLessThanOrEqual(400 * KB);

      await stopNode(server);
      server = await startNode(); // a fresh node: nothing of the upload on its disk
      const tus = tusClient(server.url, owner);
      const head = await tus.head(location);
      expect(head.status).toBe(200);
      const kept = Number(head.headers.get('upload-offset'));
      expect(kept).toBe(before);
      expect(head.headers.get('upload-defer-length')).toBe('1');

      const last = await tus.patch(location, kept, data.subarray(kept), {
        'upload-length': String(data.length),
      });
      expect(last.status).toBe(204);
      expect((await original(id))?.equals(data)).toBe(true);
      expect(await staged(id)).toEqual([]);
    });

    it('deleting a media mid-upload removes its staged objects', async () => {
      const id = await newMedia();
      const tus = tusClient(server.url, owner);
      const location = (await tus.create(id)).headers.get('location') ?? '';
      expect((await tus.patch(location, 0, randomBytes(300 * KB))).status).toBe(204);
      expect((await staged(id)).length).toBe(2);

      const deleted = await request(server.app, { method: 'DELETE', url: `/api/media/${id}` }, owner);
      expect(deleted.statusCode, deleted.body).toBe(200);
      expect(await staged(id)).toEqual([]);
      expect((await tus.head(location)).status).toBe(404);
    });
  });
});
