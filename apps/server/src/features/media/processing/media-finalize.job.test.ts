import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../../test/databases';
import { createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../../test/harness';
import { claimNext, LEASE_MS } from '../../../jobs/queue';
import { mediaRepository } from '../media.repository';
import { drainJobs, storeUploaded } from '../media.test-helpers';
import { hevcMp4, recordingWebm, writeFile } from './fixtures.test-helper';
import { extendLease, mediaFinalizeJob } from './media-finalize.job';

let fixtures: string;
let webm: Buffer;
let hevc: Buffer;
beforeAll(() => {
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-finalize-job-'));
  webm = fs.readFileSync(recordingWebm(fixtures));
  hevc = fs.readFileSync(hevcMp4(fixtures));
});
afterAll(() => fs.rmSync(fixtures, { recursive: true, force: true }));

describe.each(databasesUnderTest())('media.finalize job on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  beforeEach(async () => {
    // An ffprobe that hangs on files marked HANGME and is the real one otherwise.
    const probe = writeFile(
      fixtures,
      `ffprobe-${kind}.sh`,
      '#!/bin/sh\nfor last; do :; done\nf=$(echo "$last" | sed s/^file://)\nif head -c 64 "$f" | grep -q HANGME; then sleep 30; fi\nexec ffprobe "$@"\n',
    );
    fs.chmodSync(probe, 0o755);
    t = await createTestApp(kind, { FFPROBE_PATH: probe, STT_ENGINE: 'none' });
    t.ctx.config.mediaProbeTimeoutMs = 1000;
    ana = await setUpWorkspace(t.app);
  });
  afterEach(() => t.close());

  const media = () => mediaRepository(t.ctx.db);

  /** A media whose upload just finished with `data`, and its finalize job queued. */
  const uploaded = (data: Buffer, mimeType = 'video/webm') =>
    storeUploaded(t.ctx, ana.user.id, data, { kind: 'video', mimeType });

  const row = async (id: string) => {
    const found = await media().find(id);
    if (!found) throw new Error(`media ${id} is gone`);
    return found;
  };
  const drain = () => drainJobs(t.ctx);
  const eventsFor = async (id: string) =>
    (
      await t.ctx.db
        .selectFrom('live_events')
        .select('payload')
        .where('user_id', '=', ana.user.id)
        .where('type', '=', 'media.updated')
        .execute()
    ).filter((e) => (JSON.parse(e.payload) as { mediaId: string }).mediaId === id);
  const jobOf = (id: string) =>
    t.ctx.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('dedupe_key', '=', `media.finalize:${id}`)
      .executeTakeFirstOrThrow();

  it('makes a recording ready: seekable WebM, duration, poster, then a preview, live events', async () => {
    const id = await uploaded(webm);
    // Ready as soon as finalize has run: the animated preview is not waited for.
    expect(await mediaFinalizeJob.handler({ mediaId: id }, t.ctx)).toBeUndefined();
    expect(await row(id)).toMatchObject({ status: 'ready', preview_key: null });
    // Then the preview job and the transcript job it queued (issue 5; engine off in these tests),
    // and the finalize job itself, which finds the media done.
    expect(await drain()).toBe(3);
    const done = await row(id);
    expect(done).toMatchObject({
      status: 'ready',
      error: null,
      progress: null,
      playable_key: `media/${id}/playable.webm`,
      playable_mime_type: 'video/webm',
      poster_key: `media/${id}/poster.jpg`,
      preview_key: `media/${id}/preview.webp`,
      width: 320,
      height: 240,
    });
    expect(Math.abs(Number(done.duration_ms) - 2000)).toBeLessThan(300);
    const stored = await t.ctx.blobs.stat(`media/${id}/playable.webm`);
    expect(stored?.size).toBe(Number(done.size_bytes));
    expect((await t.ctx.blobs.stat(`media/${id}/poster.jpg`))?.contentType).toBe('image/jpeg');
    expect((await t.ctx.blobs.stat(`media/${id}/preview.webp`))?.contentType).toBe('image/webp');
    // Ready, then the preview: the author's page hears of both.
    expect((await eventsFor(id)).length).toBeGreaterThanOrEqual(2);
    expect(fs.readdirSync(path.join(t.ctx.config.dataDir, 'processing'))).toEqual([]);
  });

  it('is idempotent: running again after a crash rewrites the same keys; a ready media is skipped', async () => {
    const id = await uploaded(webm);
    await drain();
    const first = await row(id);
    // As if the worker had died after writing the outputs but before marking the row ready.
    await media().update(id, { status: 'processing', progress: 40 });
    await mediaFinalizeJob.handler({ mediaId: id }, t.ctx);
    const second = await row(id);
    expect(second).toMatchObject({
      status: 'ready',
      playable_key: first.playable_key,
      poster_key: first.poster_key,
    });
    const readyAt = second.ready_at;
    await mediaFinalizeJob.handler({ mediaId: id }, t.ctx);
    expect((await row(id)).ready_at).toBe(readyAt);
  });

  it('transcodes HEVC to H.264 MP4, reporting progress on the row', async () => {
    const id = await uploaded(hevc, 'video/mp4');
    await drain();
    const done = await row(id);
    expect(done).toMatchObject({
      status: 'ready',
      playable_mime_type: 'video/mp4',
      playable_key: `media/${id}/playable.mp4`,
    });
    // At least one progress event while transcoding, and the final one.
    expect((await eventsFor(id)).length).toBeGreaterThanOrEqual(2);
    const probed = await t.ctx.media.probe(t.ctx.blobs.localPath?.(done.playable_key as string) as string);
    expect(probed.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('h264');
  });

  it.each([
    [
      'a text file renamed .mp4',
      Buffer.from('just some notes\n'),
      /not audio or video we can play \(it looks like text\)/,
    ],
    ['a zero-byte file', Buffer.alloc(0), /empty/],
    ['a truncated mp4', null, /damaged or incomplete/],
    [
      'an HLS playlist pointing at a URL',
      Buffer.from('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n'),
      /HLS playlist/,
    ],
  ])('fails %s with a clear reason and does not retry', async (_, data, reason) => {
    const id = await uploaded(data ?? hevc.subarray(0, Math.floor(hevc.length / 2)), 'video/mp4');
    await drain();
    const failed = await row(id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(reason);
    expect(failed.playable_key).toBeNull();
    expect(await jobOf(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect((await eventsFor(id)).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a recording longer than the workspace allows', async () => {
    await t.ctx.db.updateTable('workspaces').set({ max_recording_minutes: 0 }).execute();
    const id = await uploaded(webm);
    await drain();
    expect((await row(id)).error).toMatch(/this workspace accepts at most 0:00/);
  });

  it('keeps the lease of a long-running job', async () => {
    const id = await uploaded(webm);
    const claimed = await claimNext(t.ctx.db, t.ctx.database.dialect, 'worker-a', t.ctx.now());
    expect(Number(claimed?.locked_until)).toBeLessThanOrEqual(t.ctx.now() + LEASE_MS);
    t.travel(4 * 60_000);
    await extendLease(t.ctx, id);
    t.travel(4 * 60_000);
    // Eight minutes after the claim, the job is still leased: nobody else takes it.
    expect(await claimNext(t.ctx.db, t.ctx.database.dialect, 'worker-b', t.ctx.now())).toBeNull();
  });

  it('a probe that hangs fails that media only; the next one is processed', async () => {
    const hanging = await uploaded(Buffer.concat([Buffer.from('HANGME'), Buffer.alloc(64), webm]));
    const good = await uploaded(webm);
    expect(await drain()).toBe(4); // two finalize jobs, the good one's preview and transcript jobs
    expect(await row(hanging)).toMatchObject({ status: 'failed' });
    expect((await row(hanging)).error).toMatch(/took too long/);
    expect((await row(good)).status).toBe('ready');
  });
});
