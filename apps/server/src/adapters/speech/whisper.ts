import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runProcess } from '../media-tool/run-process';
import { SpeechError, toSpeechError } from './speech-error';
import type { RecognisedWord, SpeechToText, TranscribeOptions, TranscriptionResult } from './speech-to-text';
import { findOnPath } from './which';

export interface WhisperOptions {
  /** whisper.cpp CLI (`whisper-cli`, formerly `main`). */
  binary: string;
  modelPath: string;
  timeoutMs: number;
}

/** ggml model files begin with the magic 0x67676d6c ("ggml") as a little-endian uint32. */
const GGML_MAGIC = 0x67676d6c;

/** Checks the model file before any run: missing, unreadable or not a ggml file → a clear reason. */
export async function checkWhisperModel(modelPath: string): Promise<{ ok: boolean; detail: string }> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(modelPath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      detail:
        code === 'ENOENT'
          ? `No whisper model at ${modelPath}: run \`tidings models pull base.en\` or set WHISPER_MODEL_PATH.`
          : `Cannot read the whisper model ${modelPath} (${code}).`,
    };
  }
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead < 4 || head.readUInt32LE(0) !== GGML_MAGIC) {
      return { ok: false, detail: `${modelPath} is not a whisper.cpp ggml model (corrupt or wrong file).` };
    }
    return { ok: true, detail: `Model ${path.basename(modelPath)}.` };
  } finally {
    await handle.close();
  }
}

/**
 * whisper.cpp through its CLI: one word per segment (`-ml 1 -sow`) written as JSON (`-oj`).
 * A CLI rather than a Node binding: see docs/speech.md for why and what was verified.
 */
export function whisperEngine(options: WhisperOptions): SpeechToText {
  const modelName = path.basename(options.modelPath).replace(/\.bin$/, '');
  return {
    name: 'whisper',
    async status() {
      if (findOnPath(options.binary) === null) {
        return {
          available: false,
          detail: `${options.binary} (whisper.cpp) was not found: build whisper.cpp or set WHISPER_CLI_PATH.`,
        };
      }
      const model = await checkWhisperModel(options.modelPath);
      return { available: model.ok, detail: model.ok ? `whisper.cpp, ${model.detail}` : model.detail };
    },
    async transcribe(wavPath: string, opts: TranscribeOptions = {}): Promise<TranscriptionResult> {
      const model = await checkWhisperModel(options.modelPath);
      if (!model.ok) throw new SpeechError('unavailable', model.detail);
      const dir = await mkdtemp(path.join(tmpdir(), 'tidings-whisper-'));
      const outBase = path.join(dir, 'out');
      const language = opts.language ?? 'auto';
      const args = [
        '-m',
        options.modelPath,
        '-f',
        wavPath,
        '-l',
        language,
        '-ml',
        '1',
        '-sow',
        '-oj',
        '-of',
        outBase,
        '-np',
      ];
      try {
        await runProcess(options.binary, args, {
          timeoutMs: options.timeoutMs,
          wrapper: ['nice', '-n', '10'],
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        const json = await readFile(`${outBase}.json`, 'utf8').catch(() => {
          throw new SpeechError('bad_response', `${options.binary} wrote no JSON output`);
        });
        const parsed = parseWhisperJson(json);
        return {
          words: parsed.words,
          language: parsed.language ?? opts.language ?? 'und',
          engine: `whisper:${modelName}`,
        };
      } catch (error) {
        throw toSpeechError(error);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** whisper.cpp `-oj`: `{ result: { language }, transcription: [{ offsets: {from, to} (ms), text }] }`. */
export function parseWhisperJson(text: string): { words: RecognisedWord[]; language: string | null } {
  let json: { result?: { language?: unknown }; transcription?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    throw new SpeechError('bad_response', 'whisper.cpp wrote malformed JSON');
  }
  if (!Array.isArray(json.transcription))
    throw new SpeechError('bad_response', 'whisper.cpp JSON has no transcription');
  const words: RecognisedWord[] = [];
  for (const item of json.transcription as Array<{
    text?: unknown;
    offsets?: { from?: unknown; to?: unknown };
  }>) {
    const word = typeof item.text === 'string' ? item.text.trim() : '';
    if (!word || /^\[.*\]$/.test(word)) continue; // [BLANK_AUDIO] and the like
    if (typeof item.offsets?.from !== 'number' || typeof item.offsets?.to !== 'number') continue;
    words.push({ text: word, startMs: item.offsets.from, endMs: item.offsets.to, confidence: 1 });
  }
  const language = typeof json.result?.language === 'string' ? json.result.language : null;
  return { words, language };
}
