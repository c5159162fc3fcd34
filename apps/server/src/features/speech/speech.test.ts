import { afterEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, request, setUpWorkspace, type TestApp } from '../../../test/harness';

describe.each(databasesUnderTest())('speech engine status on %s', (kind) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('starts with STT_ENGINE=none and tells admins how to turn transcription on', async () => {
    t = await createTestApp(kind, { STT_ENGINE: 'none' });
    const owner = await setUpWorkspace(t.app);
    const member = await addMember(t.app, owner, { name: 'Ben', email: 'ben@example.com' });
    expect((await request(t.app, { method: 'GET', url: '/api/admin/speech' })).statusCode).toBe(401);
    expect((await request(t.app, { method: 'GET', url: '/api/admin/speech' }, member)).statusCode).toBe(403);

    const res = await request(t.app, { method: 'GET', url: '/api/admin/speech' }, owner);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ engine: 'none', available: false, automatic: false });
    expect(body.detail).toMatch(/pocketsphinx-en-us.*STT_ENGINE=openai-compatible.*STT_ENGINE=whisper/);
    expect(body.engines.map((e: { engine: string }) => e.engine)).toEqual([
      'pocketsphinx',
      'whisper',
      'openai-compatible',
      'none',
    ]);
    const whisper = body.engines.find((e: { engine: string }) => e.engine === 'whisper');
    expect(whisper.available).toBe(false);
    expect(whisper.detail).toMatch(/WHISPER_CLI_PATH|models pull/);
    expect(body.engines.find((e: { engine: string }) => e.engine === 'openai-compatible').detail).toMatch(
      /STT_OPENAI_URL/,
    );
  });

  it('starts without pocketsphinx installed and falls back to none', async () => {
    t = await createTestApp(kind, { POCKETSPHINX_PATH: '/nonexistent/pocketsphinx_continuous' });
    const owner = await setUpWorkspace(t.app);
    const body = (await request(t.app, { method: 'GET', url: '/api/admin/speech' }, owner)).json();
    expect(body).toMatchObject({ engine: 'none', automatic: true });
    expect(body.engines[0]).toMatchObject({ engine: 'pocketsphinx', available: false });
    expect(body.engines[0].detail).toMatch(/was not found/);
  });

  it('reports a configured openai-compatible engine', async () => {
    t = await createTestApp(kind, { STT_ENGINE: 'openai-compatible', STT_OPENAI_URL: 'http://127.0.0.1:9/' });
    const owner = await setUpWorkspace(t.app);
    const body = (await request(t.app, { method: 'GET', url: '/api/admin/speech' }, owner)).json();
    expect(body).toMatchObject({ engine: 'openai-compatible', available: true, automatic: false });
    expect(body.detail).toContain('http://127.0.0.1:9/v1/audio/transcriptions');
  });
});
