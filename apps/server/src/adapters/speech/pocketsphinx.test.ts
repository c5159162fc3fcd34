import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createSpeechToText } from './create-speech-to-text';
import { parsePocketsphinxTimes, pocketsphinxEngine, pocketsphinxInstalled } from './pocketsphinx';
import type { SpeechError } from './speech-error';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-stt-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const failureOf = (running: Promise<unknown>) =>
  running.then(
    () => null,
    (e: unknown) => e as SpeechError,
  );

/** espeak-ng speech, converted the way the pipeline hands audio over: 16 kHz mono WAV. */
function speechWav(name: string, text: string): string {
  const raw = path.join(dir, `${name}.raw.wav`);
  const wav = path.join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', raw, text]);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', raw, '-ar', '16000', '-ac', '1', wav]);
  return wav;
}

describe('parsing pocketsphinx -time yes output', () => {
  it('keeps words with times and posteriors, drops fillers and folds variants', () => {
    const out = [
      'president obama',
      '<s> 0.000 0.290 0.998002',
      'president 0.300 0.630 0.983929',
      '<sil> 0.640 0.700 0.9',
      '[NOISE] 0.700 0.720 0.9',
      'obama(2) 0.740 1.100 0.770104',
      '</s> 1.110 1.150 1.000000',
    ].join('\n');
    expect(parsePocketsphinxTimes(out)).toEqual([
      { text: 'president', startMs: 300, endMs: 630, confidence: 0.983929 },
      { text: 'obama', startMs: 740, endMs: 1100, confidence: 0.770104 },
    ]);
  });
});

const installed = pocketsphinxInstalled('pocketsphinx_continuous');

describe.runIf(installed)('pocketsphinx end to end', () => {
  const engine = pocketsphinxEngine({ binary: 'pocketsphinx_continuous', timeoutMs: 60_000 });

  it('recognises a distinctive word with increasing word times', async () => {
    const wav = speechWav('obama', 'president obama spoke about the economy');
    const result = await engine.transcribe(wav, { language: 'en' });
    expect(result.engine).toBe('pocketsphinx');
    expect(result.language).toBe('en');
    const texts = result.words.map((w) => w.text);
    expect(texts).toContain('obama');
    for (const [i, w] of result.words.entries()) {
      expect(w.endMs).toBeGreaterThan(w.startMs);
      expect(w.confidence).toBeGreaterThanOrEqual(0);
      expect(w.confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(w.startMs).toBeGreaterThanOrEqual(result.words[i - 1]?.endMs ?? 0);
    }
  });

  it('gives zero words and no error for silence', async () => {
    const wav = path.join(dir, 'silence.wav');
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=16000:cl=mono',
      '-t',
      '3',
      wav,
    ]);
    const result = await engine.transcribe(wav);
    expect(result.words).toEqual([]);
  });

  it('reports itself available, English only', async () => {
    expect(await engine.status()).toMatchObject({
      available: true,
      detail: expect.stringContaining('English'),
    });
  });
});

describe('a broken or missing engine', () => {
  it('kills a hanging engine after the time limit with a clear error', async () => {
    const fake = path.join(dir, 'hanging-sphinx');
    fs.writeFileSync(fake, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
    const engine = pocketsphinxEngine({ binary: fake, timeoutMs: 500 });
    const started = Date.now();
    const error = await failureOf(engine.transcribe(path.join(dir, 'any.wav')));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error?.failure).toBe('timeout');
    expect(error?.message).toMatch(/did not finish within 0\.5 s/);
  });

  it('fails clearly when the engine crashes', async () => {
    const fake = path.join(dir, 'crashing-sphinx');
    fs.writeFileSync(fake, '#!/bin/sh\necho "segfault in decoder" >&2\nexit 139\n', { mode: 0o755 });
    const error = await failureOf(
      pocketsphinxEngine({ binary: fake, timeoutMs: 5000 }).transcribe('/nope.wav'),
    );
    expect(error?.failure).toBe('failed');
    expect(error?.message).toMatch(/exited with code 139: segfault in decoder/);
  });

  it('reports a missing binary in the status and picks none by default', async () => {
    const engine = pocketsphinxEngine({ binary: '/nonexistent/pocketsphinx_continuous', timeoutMs: 1000 });
    expect(await engine.status()).toMatchObject({
      available: false,
      detail: expect.stringContaining('pocketsphinx-en-us'),
    });
    const config = loadConfig({ DATA_DIR: dir, POCKETSPHINX_PATH: '/nonexistent/pocketsphinx_continuous' });
    const chosen = createSpeechToText(config.stt);
    expect(chosen.name).toBe('none');
    expect((await chosen.status()).detail).toMatch(/STT_ENGINE=openai-compatible/);
    expect((await failureOf(chosen.transcribe('/x.wav')))?.failure).toBe('unavailable');
  });

  it('defaults to pocketsphinx when it is installed', () => {
    const chosen = createSpeechToText(loadConfig({ DATA_DIR: dir }).stt);
    expect(chosen.name).toBe(installed ? 'pocketsphinx' : 'none');
  });
});
