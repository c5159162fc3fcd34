import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databasesUnderTest, type TestDatabase } from '../../../../test/databases';
import { request, type Session, setUpWorkspace } from '../../../../test/harness';
import { allJobs } from '../../../jobs/registry';
import { createJobRunner } from '../../../jobs/runner';
import { type RunningServer, startServer, tempDir, tusClient } from '../../uploads/uploads.test-helpers';
import { recordingWebm, writeFile } from './fixtures.test-helper';

/**
 * Uploads through the real tus endpoint, then the finalize job; the ffmpeg and ffprobe the
 * server uses are wrappers that log every invocation, so the test can tell what ffmpeg read.
 */
let fixtures: string;
let webm: Buffer;
let toolLog: string;
const wrappers: Record<string, string> = {};
beforeAll(() => {
  fixtures = tempDir();
  webm = fs.readFileSync(recordingWebm(fixtures));
  toolLog = path.join(fixtures, 'tool.log');
  for (const name of ['ffmpeg', 'ffprobe']) {
    const script = writeFile(
      fixtures,
      `${name}.sh`,
      `#!/bin/sh\necho "$@" >> '${toolLog}'\nexec ${name} "$@"\n`,
    );
    fs.chmodSync(script, 0o755);
    wrappers[name] = script;
  }
});
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));

describe.each(databasesUnderTest())('uploads through finalize on %s', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  let server: RunningServer;
  let owner: Session;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    dataDir = tempDir();
    server = await startServer(database.url, dataDir, {
      FFMPEG_PATH: wrappers.ffmpeg as string,
      FFPROBE_PATH: wrappers.ffprobe as string,
    });
    owner = await setUpWorkspace(server.app);
  });
  afterEach(async () => {
    await server.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function upload(data: Buffer): Promise<string> {
    const created = await request(
      server.app,
      {
        method: 'POST',
        url: '/api/media',
        payload: { kind: 'video', source: 'upload', mimeType: 'video/webm' },
      },
      owner,
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().media.id as string;
    const tus = tusClient(server.url, owner);
    const location = (await tus.create(id, data.length)).headers.get('location') ?? '';
    expect((await tus.patch(location, 0, data)).status).toBe(204);
    return id;
  }
  const mediaOf = async (id: string) =>
    (await request(server.app, { method: 'GET', url: `/api/media/${id}` }, owner)).json();
  const toolCallsFor = (id: string) =>
    (fs.existsSync(toolLog) ? fs.readFileSync(toolLog, 'utf8') : '')
      .split('\n')
      .filter((l) => l.includes(id));

  it('a recording becomes ready with a duration; playlists fail without ffmpeg reading them', async () => {
    const secret = writeFile(fixtures, 'secret.webm', webm);
    const good = await upload(webm);
    const localPlaylist = await upload(
      Buffer.from(
        `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nfile://${secret}\n#EXTINF:2.0,\n${secret}\n#EXT-X-ENDLIST\n`,
      ),
    );
    const urlPlaylist = await upload(
      Buffer.from(
        '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nhttp://127.0.0.1:9/a.ts\n#EXT-X-ENDLIST\n',
      ),
    );
    expect((await mediaOf(good)).status).toBe('processing');
    expect(await createJobRunner(server.ctx, allJobs).drain()).toBeGreaterThanOrEqual(3);

    const ready = await mediaOf(good);
    expect(ready).toMatchObject({
      status: 'ready',
      mimeType: 'video/webm',
      width: 320,
      height: 240,
      error: null,
    });
    expect(Math.abs(ready.durationMs - 2000)).toBeLessThan(300);
    expect(toolCallsFor(good).length).toBeGreaterThan(0);

    for (const id of [localPlaylist, urlPlaylist]) {
      const failed = await mediaOf(id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toBe(
        'This file is not audio or video we can play (it looks like an HLS playlist).',
      );
      // Refused before any ffmpeg or ffprobe process was started on it.
      expect(toolCallsFor(id)).toEqual([]);
    }
    expect(fs.readFileSync(toolLog, 'utf8')).not.toContain('secret.webm');
  });
});
