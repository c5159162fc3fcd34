import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiCompatibleEngine } from './openai-compatible';
import type { SpeechError } from './speech-error';

type Handler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;
let handler: Handler;
let server: http.Server;
let url: string;
let dir: string;
let wav: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-stt-openai-'));
  wav = path.join(dir, 'window.wav');
  fs.writeFileSync(wav, Buffer.from('RIFF....WAVEfmt fake audio bytes'));
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

const failureOf = (running: Promise<unknown>) =>
  running.then(
    () => null,
    (e: unknown) => e as SpeechError,
  );

/** Multipart fields as the server sees them, parsed with the platform's own parser. */
async function fieldsOf(req: http.IncomingMessage, body: Buffer) {
  const form = await new Response(body, {
    headers: { 'content-type': req.headers['content-type'] ?? '' },
  }).formData();
  return form;
}

const json = (res: http.ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof value === 'string' ? value : JSON.stringify(value));
};

describe('openai-compatible engine against a local server', () => {
  it('posts the multipart fields with the bearer key and maps word seconds to ms', async () => {
    let seen: { path?: string; auth?: string; fields?: Record<string, unknown>; fileBytes?: string } = {};
    handler = async (req, body, res) => {
      const form = await fieldsOf(req, body);
      const file = form.get('file') as File;
      seen = {
        path: req.url ?? '',
        auth: req.headers.authorization ?? '',
        fields: {
          model: form.get('model'),
          response_format: form.get('response_format'),
          granularities: form.getAll('timestamp_granularities[]'),
          language: form.get('language'),
          fileName: file.name,
        },
        fileBytes: Buffer.from(await file.arrayBuffer()).toString(),
      };
      // faster-whisper-server style answer
      json(res, 200, {
        task: 'transcribe',
        language: 'english',
        duration: 2.5,
        text: ' Hello Thursday.',
        words: [
          { word: ' Hello', start: 0.12, end: 0.5, probability: 0.91 },
          { word: ' Thursday.', start: 0.62, end: 1.3, probability: 0.42 },
        ],
        segments: [{ id: 0, start: 0, end: 1.3, text: ' Hello Thursday.' }],
      });
    };
    const engine = openAiCompatibleEngine({
      url: `${url}/`,
      key: 's3cret',
      model: 'base.en',
      timeoutMs: 5000,
    });
    const result = await engine.transcribe(wav, { language: 'en' });
    expect(seen).toEqual({
      path: '/v1/audio/transcriptions',
      auth: 'Bearer s3cret',
      fields: {
        model: 'base.en',
        response_format: 'verbose_json',
        granularities: ['word', 'segment'],
        language: 'en',
        fileName: 'window.wav',
      },
      fileBytes: 'RIFF....WAVEfmt fake audio bytes',
    });
    expect(result).toEqual({
      engine: 'openai-compatible:base.en',
      language: 'en',
      words: [
        { text: 'Hello', startMs: 120, endMs: 500, confidence: 0.91 },
        { text: 'Thursday.', startMs: 620, endMs: 1300, confidence: 0.42 },
      ],
    });
  });

  it('sends no Authorization without a key, and spreads segment words when there are no word times', async () => {
    let auth: string | undefined = 'unset';
    handler = (req, _body, res) => {
      auth = req.headers.authorization;
      // whisper.cpp server answers segments only unless asked for words
      json(res, 200, { language: 'en', text: 'one two', segments: [{ start: 1, end: 2, text: ' one two' }] });
    };
    const result = await openAiCompatibleEngine({
      url,
      key: null,
      model: 'whisper-1',
      timeoutMs: 5000,
    }).transcribe(wav);
    expect(auth).toBeUndefined();
    expect(result.words).toEqual([
      { text: 'one', startMs: 1000, endMs: 1500, confidence: 1 },
      { text: 'two', startMs: 1500, endMs: 2000, confidence: 1 },
    ]);
  });

  it('treats an empty transcript as zero words', async () => {
    handler = (_req, _body, res) => json(res, 200, { text: '', language: 'en' });
    const result = await openAiCompatibleEngine({ url, key: null, model: 'm', timeoutMs: 5000 }).transcribe(
      wav,
    );
    expect(result.words).toEqual([]);
  });

  it('turns a 500 into a clear error', async () => {
    handler = (_req, _body, res) => json(res, 500, { error: 'model not loaded' });
    const error = await failureOf(
      openAiCompatibleEngine({ url, key: null, model: 'm', timeoutMs: 5000 }).transcribe(wav),
    );
    expect(error?.failure).toBe('failed');
    expect(error?.message).toMatch(/answered 500: .*model not loaded/);
  });

  it('gives up on a server that does not answer in time', async () => {
    handler = () => {}; // never answers
    const started = Date.now();
    const error = await failureOf(
      openAiCompatibleEngine({ url, key: null, model: 'm', timeoutMs: 300 }).transcribe(wav),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error?.failure).toBe('timeout');
    expect(error?.message).toMatch(/did not answer within 0\.3 s/);
  });

  it('rejects malformed JSON and JSON without words or segments', async () => {
    handler = (_req, _body, res) => json(res, 200, '{"words": [');
    const bad = await failureOf(
      openAiCompatibleEngine({ url, key: null, model: 'm', timeoutMs: 5000 }).transcribe(wav),
    );
    expect(bad?.failure).toBe('bad_response');
    expect(bad?.message).toMatch(/did not answer JSON/);
    handler = (_req, _body, res) => json(res, 200, { text: 'hello', words: [{ word: 'hello' }] });
    const partial = await failureOf(
      openAiCompatibleEngine({ url, key: null, model: 'm', timeoutMs: 5000 }).transcribe(wav),
    );
    expect(partial?.failure).toBe('bad_response');
  });

  it('says when the server cannot be reached', async () => {
    const error = await failureOf(
      openAiCompatibleEngine({
        url: 'http://127.0.0.1:1',
        key: null,
        model: 'm',
        timeoutMs: 5000,
      }).transcribe(wav),
    );
    expect(error?.failure).toBe('unavailable');
    expect(error?.message).toMatch(/Could not reach http:\/\/127\.0\.0\.1:1\/v1\/audio\/transcriptions/);
  });
});
