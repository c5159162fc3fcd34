import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWhisperModel } from '../adapters/speech/whisper';
import { loadConfig } from '../config';
import { modelsCommand } from './models';

/** A small stand-in for a model: the ggml magic, then bytes. */
const MODEL = Buffer.concat([Buffer.from([0x6c, 0x6d, 0x67, 0x67]), Buffer.alloc(300_000, 7)]);
const SHA256 = createHash('sha256').update(MODEL).digest('hex');

let server: http.Server;
let base: string;
let dir: string;
let mode: 'ok' | 'error' = 'ok';
const ranges: Array<string | undefined> = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-models-'));
  server = http.createServer((req, res) => {
    ranges.push(req.headers.range);
    if (mode === 'error' || req.url !== '/ggml-test.bin') {
      res.writeHead(mode === 'error' ? 503 : 404).end('nope');
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      const from = Number(range[1]);
      res.writeHead(206, {
        'content-length': MODEL.length - from,
        'content-range': `bytes ${from}-${MODEL.length - 1}/${MODEL.length}`,
      });
      res.end(MODEL.subarray(from));
      return;
    }
    res.writeHead(200, { 'content-length': MODEL.length }).end(MODEL);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  let err = '';
  const stderr = new Writable({
    write(chunk, _enc, done) {
      err += chunk.toString();
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: dir });
  return modelsCommand(config, args, stderr, {}).then((code) => ({ code, err }));
}

describe('tidings models pull', () => {
  it('downloads into WHISPER_MODELS_DIR, checks the sha256 and shows progress', async () => {
    mode = 'ok';
    const { code, err } = await run(['pull', 'test', '--from', base, '--sha256', SHA256]);
    expect(code).toBe(0);
    const target = path.join(dir, 'models', 'ggml-test.bin');
    expect(fs.readFileSync(target).equals(MODEL)).toBe(true);
    expect(fs.existsSync(`${target}.partial`)).toBe(false);
    expect(err).toMatch(/100%/);
    expect(await checkWhisperModel(target)).toMatchObject({ ok: true });
  });

  it('resumes a partial download with a Range request', async () => {
    mode = 'ok';
    const out = path.join(dir, 'resume');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'ggml-test.bin.partial'), MODEL.subarray(0, 100_000));
    ranges.length = 0;
    const { code } = await run(['pull', 'test', '--from', base, '--sha256', SHA256, '--dir', out]);
    expect(code).toBe(0);
    expect(ranges).toEqual(['bytes=100000-']);
    expect(fs.readFileSync(path.join(out, 'ggml-test.bin')).equals(MODEL)).toBe(true);
  });

  it('refuses a file whose checksum does not match and removes the partial', async () => {
    mode = 'ok';
    const out = path.join(dir, 'mismatch');
    const { code, err } = await run([
      'pull',
      'test',
      '--from',
      base,
      '--sha256',
      'a'.repeat(64),
      '--dir',
      out,
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(/Checksum mismatch for ggml-test\.bin/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('reports a server error clearly', async () => {
    mode = 'error';
    const out = path.join(dir, 'error');
    const { code, err } = await run(['pull', 'test', '--from', base, '--sha256', SHA256, '--dir', out]);
    expect(code).toBe(1);
    expect(err).toMatch(/ggml-test\.bin answered 503/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('needs a known model or --sha256', async () => {
    const { code, err } = await run(['pull', 'unknown-model', '--from', base]);
    expect(code).toBe(1);
    expect(err).toMatch(/No known checksum for "unknown-model": pass --sha256/);
  });
});

describe('loading a whisper model file', () => {
  it('explains a missing file and a corrupt one', async () => {
    expect(await checkWhisperModel(path.join(dir, 'absent.bin'))).toEqual({
      ok: false,
      detail: expect.stringContaining('tidings models pull base.en'),
    });
    const corrupt = path.join(dir, 'corrupt.bin');
    fs.writeFileSync(corrupt, '<html>not a model</html>');
    expect(await checkWhisperModel(corrupt)).toEqual({
      ok: false,
      detail: expect.stringMatching(/not a whisper\.cpp ggml model/),
    });
    const empty = path.join(dir, 'empty.bin');
    fs.writeFileSync(empty, '');
    expect((await checkWhisperModel(empty)).ok).toBe(false);
  });
});
