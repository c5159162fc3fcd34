import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';
import type { SpeechToText } from '../../adapters/speech/speech-to-text';
import { drainJobs, storeUploaded } from '../media/media.test-helpers';
import { spokenAudio } from '../media/processing/fixtures.test-helper';
import { threadsApi } from '../threads/threads.test-helpers';
import { OFF_MESSAGE } from './transcribe.job';

let dir: string;
let voiceNote: Buffer;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-transcripts-'));
  // A voice note as a browser sends it (Opus in Ogg), a second of silence first.
  voiceNote = spokenAudio(dir, 'president obama spoke about the economy', 'ogg');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(databasesUnderTest())('transcripts on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let cy: Session;
  beforeEach(async () => {
    t = await createTestApp(kind, { STT_ENGINE: 'pocketsphinx' });
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben', email: 'ben@example.com' });
    cy = await addMember(t.app, ana, { name: 'Cy', email: 'cy@example.com' });
  });
  afterEach(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, as?: Session, payload?: object) =>
    request(t.app, { method, url, ...(payload && { payload }) }, as);
  const drain = () => drainJobs(t.ctx);
  const transcriptOf = async (id: string, as = ana) => {
    const response = await call('GET', `/api/media/${id}/transcript`, as);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  /** A voice note whose upload just finished, its finalize job queued (as uploads do). */
  const uploaded = (data: Buffer, mimeType = 'audio/ogg') =>
    storeUploaded(t.ctx, ana.user.id, data, { kind: 'audio', mimeType });

  it('transcribes a voice note with pocketsphinx; search, captions and corrections follow', async () => {
    const id = await uploaded(voiceNote);
    const thread = await threadsApi(t).thread(ana, {
      recipients: { userIds: [ben.user.id] },
      mediaIds: [id],
      body: 'A voice note',
    });
    expect(await drain()).toBe(2);

    const transcript = await transcriptOf(id, ben);
    const media = (await call('GET', `/api/media/${id}`, ben)).json();
    expect(media).toMatchObject({ transcriptStatus: 'done', transcriptExcerpt: transcript.text });
    expect(transcript).toMatchObject({
      status: 'done',
      engine: 'pocketsphinx',
      language: 'en',
      message: null,
    });
    const texts = transcript.words.map((w: { text: string }) => w.text);
    expect(texts).toContain('obama');
    for (const [i, word] of transcript.words.entries()) {
      expect(word.endMs).toBeGreaterThan(word.startMs);
      if (i > 0) expect(word.startMs).toBeGreaterThanOrEqual(transcript.words[i - 1].startMs);
    }
    const obama = transcript.words.find((w: { text: string }) => w.text === 'obama');
    expect(obama.startMs).toBeGreaterThan(900); // after the second of silence
    // The leading second of silence is in the silence map.
    expect(transcript.silences[0]).toMatchObject({ startMs: 0 });
    expect(transcript.silences[0].endMs).toBeGreaterThanOrEqual(800);

    // Search finds the word and where it was said; Cy, not in the thread, finds nothing.
    const search = await call('GET', '/api/search?q=obama', ben);
    const hit = search.json().hits.find((h: { mediaId: string | null }) => h.mediaId === id);
    expect(hit).toMatchObject({ threadId: thread.thread?.id ?? expect.any(String), mediaId: id });
    expect(Math.abs(hit.startMs - obama.startMs)).toBeLessThanOrEqual(2000);
    expect((await call('GET', '/api/search?q=obama', cy)).json().hits).toEqual([]);
    expect((await call('GET', '/api/search?q=obama&has=voice', ben)).json().hits).toHaveLength(1);
    expect((await call('GET', '/api/search?q=obama&has=video', ben)).json().hits).toEqual([]);

    // Permissions: Cy cannot see the recording, so not its transcript or captions either.
    expect((await call('GET', `/api/media/${id}/transcript`, cy)).statusCode).toBe(404);
    expect((await call('GET', `/api/media/${id}/captions.vtt`, cy)).statusCode).toBe(404);
    const byBen = await call('PATCH', `/api/media/${id}/transcript`, ben, {
      corrections: [{ index: 0, text: 'x' }],
    });
    expect(byBen.statusCode).toBe(403);

    // The author corrects "obama" to "barack": text, search and captions follow; times are kept.
    const vttBefore = await call('GET', `/api/media/${id}/captions.vtt?download=1`, ben);
    expect(vttBefore.headers['content-type']).toMatch(/^text\/vtt/);
    expect(vttBefore.headers['content-disposition']).toContain('attachment');
    expect(vttBefore.body).toMatch(/^WEBVTT\n/);
    expect(vttBefore.body).toContain('obama');
    const corrected = await call('PATCH', `/api/media/${id}/transcript`, ana, {
      corrections: [{ index: obama.index, text: 'Barack' }],
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().words[obama.index]).toMatchObject({
      text: 'Barack',
      edited: true,
      startMs: obama.startMs,
    });
    expect(corrected.json().text).toContain('Barack');
    const barack = (await call('GET', '/api/search?q=barack', ben)).json().hits;
    expect(barack).toHaveLength(1);
    expect(barack[0].startMs).toBe(obama.startMs);
    expect((await call('GET', '/api/search?q=obama', ben)).json().hits).toEqual([]);
    const vtt = (await call('GET', `/api/media/${id}/captions.vtt`, ben)).body;
    expect(vtt).toContain('Barack');
    expect(vtt).not.toContain('obama');

    // Deleting the recording takes its transcript out of search.
    expect((await request(t.app, { method: 'DELETE', url: `/api/media/${id}` }, ana)).statusCode).toBe(200);
    expect((await call('GET', '/api/search?q=barack', ben)).json().hits).toEqual([]);
    expect(await t.ctx.db.selectFrom('transcripts').selectAll().execute()).toEqual([]);
  }, 60_000);

  it('with STT_ENGINE=none: status off and how to turn it on; the silence map is still made', async () => {
    t.ctx.stt = { ...t.ctx.stt, name: 'none' } as SpeechToText;
    const id = await uploaded(voiceNote);
    await drain();
    const transcript = await transcriptOf(id);
    expect(transcript).toMatchObject({ status: 'off', message: OFF_MESSAGE, words: [] });
    expect(transcript.message).toContain('STT_ENGINE');
    expect(transcript.silences.length).toBeGreaterThan(0);
  });

  it('an engine that crashes or hangs ends failed with a message; other jobs go on', async () => {
    t.ctx.config.stt.timeoutMs = 300;
    const crashing: SpeechToText = {
      name: 'pocketsphinx',
      status: async () => ({ available: true, detail: '' }),
      transcribe: async () => {
        throw new Error('pocketsphinx exited with signal SIGSEGV');
      },
    };
    t.ctx.stt = crashing;
    const crashed = await uploaded(voiceNote);
    await drain();
    expect(await transcriptOf(crashed)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('SIGSEGV'),
    });

    t.ctx.stt = { ...crashing, transcribe: () => new Promise(() => {}) };
    const hung = await uploaded(voiceNote);
    await drain();
    expect(await transcriptOf(hung)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('did not finish'),
    });
    const jobs = await t.ctx.db.selectFrom('jobs').select(['name', 'status']).execute();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    expect((await call('GET', `/api/media/${hung}`, ana)).json().status).toBe('ready');

    // The owner retries once the engine works again.
    t.ctx.stt = { ...crashing, transcribe: async () => ({ words: [], language: 'en', engine: 'test' }) };
    expect((await call('POST', `/api/media/${hung}/transcript/retry`, ben)).statusCode).toBe(404);
    const retried = await call('POST', `/api/media/${hung}/transcript/retry`, ana);
    expect(retried.json().status).toBe('pending');
    await drain();
    expect(await transcriptOf(hung)).toMatchObject({
      status: 'done',
      words: [],
      message: 'No speech was found',
    });
  });

  it("transcribes in the person's language, else the workspace's, else the engine's choice", async () => {
    const asked: (string | undefined)[] = [];
    t.ctx.stt = {
      name: 'whisper',
      status: async () => ({ available: true, detail: '' }),
      transcribe: async (_file, options) => {
        asked.push(options?.language);
        return { words: [], language: options?.language ?? 'sv', engine: 'whisper:test' };
      },
    };
    const first = await uploaded(voiceNote);
    await drain();
    expect((await transcriptOf(first)).language).toBe('sv');
    const settings = await call('PATCH', '/api/workspace/settings', ana, { language: 'fr' });
    expect(settings.json()).toMatchObject({ language: 'fr' });
    const second = await uploaded(voiceNote);
    await drain();
    const me = await call('PATCH', '/api/me', ana, { language: 'de' });
    expect(me.json()).toMatchObject({ language: 'de' });
    expect((await call('PATCH', '/api/me', ana, { language: 'not a code' })).statusCode).toBe(400);
    const third = await uploaded(voiceNote);
    await drain();
    expect(asked).toEqual([undefined, 'fr', 'de']);
    expect((await transcriptOf(second)).language).toBe('fr');
    expect(await transcriptOf(third)).toMatchObject({ language: 'de', engine: 'whisper:test' });
  });

  it('a corrupt file never reaches transcription', async () => {
    const id = await uploaded(Buffer.from('OggS this is not really audio at all'.repeat(50)));
    await drain();
    expect((await call('GET', `/api/media/${id}`, ana)).json().status).toBe('failed');
    expect(await transcriptOf(id)).toMatchObject({ status: 'pending', words: [] });
    const queued = await t.ctx.db
      .selectFrom('jobs')
      .select('name')
      .where('name', '=', 'transcripts.transcribe')
      .execute();
    expect(queued).toEqual([]);
  });
});
