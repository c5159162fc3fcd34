import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpeechError } from './speech-error';
import { parseWhisperJson, whisperEngine } from './whisper';

let dir: string;
let model: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-whisper-test-'));
  model = path.join(dir, 'ggml-tiny.en.bin');
  fs.writeFileSync(model, Buffer.concat([Buffer.from('lmgg'), Buffer.alloc(64)]));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const failureOf = (running: Promise<unknown>) =>
  running.then(
    () => null,
    (e: unknown) => e as SpeechError,
  );

/** A stand-in for whisper-cli that records its arguments and writes whisper.cpp's `-oj` JSON. */
function fakeCli(body: string): string {
  const bin = path.join(dir, `whisper-cli-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(bin, `#!/bin/sh\necho "$@" > "${bin}.args"\n${body}\n`, { mode: 0o755 });
  return bin;
}

const JSON_OUT = JSON.stringify({
  result: { language: 'en' },
  transcription: [
    { offsets: { from: 0, to: 320 }, text: ' Hello' },
    { offsets: { from: 320, to: 900 }, text: ' Thursday' },
    { offsets: { from: 900, to: 1000 }, text: ' [BLANK_AUDIO]' },
  ],
});

describe('whisper engine (whisper.cpp CLI)', () => {
  it('runs the CLI on the model and reads its word-level JSON', async () => {
    // the output base follows `-of`; write `<base>.json` like whisper-cli does
    const bin = fakeCli(`while [ "$1" != "-of" ]; do shift; done; echo '${JSON_OUT}' > "$2.json"`);
    const engine = whisperEngine({ binary: bin, modelPath: model, timeoutMs: 5000 });
    expect(await engine.status()).toMatchObject({ available: true });
    const result = await engine.transcribe('/tmp/in.wav', { language: 'en' });
    expect(result).toEqual({
      engine: 'whisper:ggml-tiny.en',
      language: 'en',
      words: [
        { text: 'Hello', startMs: 0, endMs: 320, confidence: 1 },
        { text: 'Thursday', startMs: 320, endMs: 900, confidence: 1 },
      ],
    });
    expect(fs.readFileSync(`${bin}.args`, 'utf8')).toMatch(
      /-m \S+ggml-tiny\.en\.bin -f \/tmp\/in\.wav -l en -ml 1 -sow -oj/,
    );
  });

  it('refuses to run without a usable model', async () => {
    const bin = fakeCli('exit 0');
    const missing = whisperEngine({ binary: bin, modelPath: path.join(dir, 'none.bin'), timeoutMs: 5000 });
    expect(await missing.status()).toMatchObject({
      available: false,
      detail: expect.stringMatching(/models pull/),
    });
    expect((await failureOf(missing.transcribe('/tmp/in.wav')))?.failure).toBe('unavailable');
    expect(fs.existsSync(`${bin}.args`)).toBe(false);
  });

  it('fails clearly on a crash, a hang and missing output', async () => {
    const crash = whisperEngine({
      binary: fakeCli('echo "failed to load model" >&2; exit 3'),
      modelPath: model,
      timeoutMs: 5000,
    });
    expect((await failureOf(crash.transcribe('/tmp/in.wav')))?.message).toMatch(
      /exited with code 3: failed to load model/,
    );
    const hang = whisperEngine({ binary: fakeCli('sleep 30'), modelPath: model, timeoutMs: 300 });
    expect((await failureOf(hang.transcribe('/tmp/in.wav')))?.failure).toBe('timeout');
    const silent = whisperEngine({ binary: fakeCli('exit 0'), modelPath: model, timeoutMs: 5000 });
    expect((await failureOf(silent.transcribe('/tmp/in.wav')))?.message).toMatch(/wrote no JSON output/);
  });

  it('rejects malformed JSON', () => {
    expect(() => parseWhisperJson('{')).toThrow(/malformed JSON/);
    expect(() => parseWhisperJson('{}')).toThrow(/no transcription/);
  });
});
