import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecognisedWord, SpeechToText } from '../../adapters/speech/speech-to-text';
import { buildVtt, searchSegments } from './segments';
import { parseSilences } from './silences';
import { TranscriptionError, transcribeWindows } from './transcribe-windows';
import { mergeWindow, planWindows, readWavInfo } from './windows';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-windows-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const w = (text: string, startMs: number, endMs = startMs + 300): RecognisedWord => ({
  text,
  startMs,
  endMs,
  confidence: 0.9,
});

/** A silent 16 kHz mono WAV of `seconds`, made by ffmpeg. */
function silentWav(name: string, seconds: number): string {
  const file = path.join(dir, name);
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono'],
    ...['-t', String(seconds), '-c:a', 'pcm_s16le', file],
  ]);
  return file;
}

/**
 * An engine for these tests: it "hears" a scripted word list laid over the whole recording and
 * reports the words falling inside the window it is given (times relative to the window).
 */
function scriptedEngine(
  script: RecognisedWord[],
  calls: { sizes: number[] },
): SpeechToText & { offset: number } {
  const engine = {
    name: 'pocketsphinx' as const,
    offset: 0,
    status: async () => ({ available: true, detail: 'test' }),
    async transcribe(file: string) {
      const size = fs.statSync(file).size;
      calls.sizes.push(size);
      const lengthMs = (size - 44) / 32;
      const from = engine.offset;
      engine.offset += 28_000;
      const words = script
        .filter((x) => x.startMs >= from && x.endMs <= from + lengthMs)
        .map((x) => ({ ...x, startMs: x.startMs - from, endMs: x.endMs - from }));
      return { words, language: 'en', engine: 'scripted' };
    },
  };
  return engine;
}

describe('windows', () => {
  it('covers the audio with 30 s windows overlapping by 2 s', () => {
    expect(planWindows(10_000)).toEqual([{ index: 0, startMs: 0, endMs: 10_000 }]);
    const windows = planWindows(100_000);
    expect(windows.map((x) => x.startMs)).toEqual([0, 28_000, 56_000, 84_000]);
    expect(windows.at(-1)?.endMs).toBe(100_000);
    expect(planWindows(0)).toHaveLength(1);
  });

  it('merges words heard in both windows of an overlap once, in time order', () => {
    const [zero, second] = planWindows(60_000);
    if (!zero || !second) throw new Error('two windows expected');
    const first = mergeWindow([], [w('hello', 1000), w('brave', 28_400), w('new', 29_200)], zero);
    // The second window hears "brave" and "new" again (relative times), then "world".
    const merged = mergeWindow(first, [w('brave', 420), w('new', 1210), w('world', 3000)], second);
    expect(merged.map((x) => x.text)).toEqual(['hello', 'brave', 'new', 'world']);
    expect(merged.map((x) => x.startMs)).toEqual([1000, 28_400, 29_210, 31_000]);
  });

  it('streams a long recording window by window: each window file stays small', async () => {
    const wav = silentWav('long.wav', 200);
    expect((await readWavInfo(wav)).durationMs).toBe(200_000);
    const script = [w('country', 5_000), w('thursday', 27_500), w('monday', 29_500), w('friday', 150_000)];
    const calls = { sizes: [] as number[] };
    const progress: number[] = [];
    const result = await transcribeWindows(scriptedEngine(script, calls), wav, path.join(dir, 'window.wav'), {
      language: 'en',
      timeoutMs: 5000,
      onProgress: async (p) => {
        progress.push(p);
      },
    });
    expect(result.words.map((x) => x.text)).toEqual(['country', 'thursday', 'monday', 'friday']);
    expect(result.words.map((x) => x.startMs)).toEqual([5_000, 27_500, 29_500, 150_000]);
    expect(calls.sizes).toHaveLength(8);
    expect(Math.max(...calls.sizes)).toBe(44 + 30 * 32_000);
    expect(progress.at(-1)).toBe(99);
    expect(result).toMatchObject({ language: 'en', engine: 'scripted' });
  });

  it('takes one hour of audio (115 MB WAV) in 129 windows with flat memory', async () => {
    const wav = silentWav('hour.wav', 3600);
    expect(fs.statSync(wav).size).toBeGreaterThan(115_000_000);
    const calls = { sizes: [] as number[] };
    const engine = scriptedEngine([w('country', 3_500_000)], calls);
    const rss: number[] = [];
    const started = process.memoryUsage().rss;
    const result = await transcribeWindows(engine, wav, path.join(dir, 'hour-window.wav'), {
      language: undefined,
      timeoutMs: 5000,
      onProgress: async () => {
        rss.push(process.memoryUsage().rss - started);
      },
    });
    expect(calls.sizes).toHaveLength(129);
    expect(result.words).toEqual([w('country', 3_500_000)]);
    // Reading the whole file would add 115 MB; windows add about one window (1 MB) at a time.
    // Reading the whole file would add at least its 115 MB; windows add about one window (1 MB)
    // plus what the allocator keeps, which varies by Node version (under 40 MB on 20, ~50 on 24).
    expect(Math.max(...rss)).toBeLessThan(80 * 1024 * 1024);
    fs.rmSync(wav);
  }, 60_000);

  it('stops an engine that hangs and explains an engine that crashes', async () => {
    const wav = silentWav('short.wav', 2);
    const hanging: SpeechToText = {
      name: 'pocketsphinx',
      status: async () => ({ available: true, detail: '' }),
      transcribe: (_file, options) =>
        new Promise((_, reject) =>
          options?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    };
    const out = path.join(dir, 'w.wav');
    const hung = await transcribeWindows(hanging, wav, out, { language: undefined, timeoutMs: 200 }).catch(
      (e) => e,
    );
    expect(hung).toBeInstanceOf(TranscriptionError);
    expect(hung.message).toMatch(/did not finish within 0 s|did not finish/);
    const crashing: SpeechToText = {
      ...hanging,
      transcribe: async () => Promise.reject(new Error('segfault')),
    };
    const crashed = await transcribeWindows(crashing, wav, out, {
      language: undefined,
      timeoutMs: 5000,
    }).catch((e) => e);
    expect(crashed).toBeInstanceOf(TranscriptionError);
    expect(crashed.message).toContain('segfault');
  });
});

describe('silences, captions and search segments', () => {
  it('parses silencedetect output; an unfinished silence runs to the end', () => {
    const report = [
      'frame:1',
      'lavfi.silence_start=0',
      'lavfi.silence_end=1.25',
      'lavfi.silence_start=3.5',
    ].join('\n');
    expect(parseSilences(report, 5000)).toEqual([
      { startMs: 0, endMs: 1250 },
      { startMs: 3500, endMs: 5000 },
    ]);
  });

  const word = (index: number, text: string, startMs: number) => ({
    index,
    text,
    startMs,
    endMs: startMs + 400,
    confidence: 1,
    edited: false,
  });

  it('cuts captions at 7 words, 4 s, a pause or a sentence end', () => {
    const words = [
      ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'].map((t, i) => word(i, t, i * 450)),
      word(8, 'done.', 4000),
      word(9, 'later', 9000),
    ];
    const vtt = buildVtt(words);
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    expect(vtt).toContain('00:00:00.000 --> 00:00:03.100\none two three four five six seven');
    expect(vtt).toContain('eight done.');
    expect(vtt).toContain('00:00:09.000 --> 00:00:09.400\nlater');
    expect(buildVtt([word(0, '<b>', 0)])).toContain('&lt;b&gt;');
    expect(searchSegments(words).map((s) => s.startMs)).toEqual([0, 9000]);
  });
});
