import { existsSync } from 'node:fs';
import { runProcess } from '../media-tool/run-process';
import { toSpeechError } from './speech-error';
import type { RecognisedWord, SpeechToText, TranscribeOptions, TranscriptionResult } from './speech-to-text';
import { findOnPath } from './which';

/** Debian's pocketsphinx-en-us acoustic model; the only language available here. */
export const POCKETSPHINX_EN_US_MODEL = '/usr/share/pocketsphinx/model/en-us/en-us';

export interface PocketsphinxOptions {
  binary: string;
  timeoutMs: number;
  /** Directory of the en-us acoustic model (tests may point elsewhere). */
  modelDir?: string;
}

/** Is the engine installed: the binary on the PATH (or at its path) and the en-us model. */
export function pocketsphinxInstalled(binary: string, modelDir = POCKETSPHINX_EN_US_MODEL): boolean {
  return findOnPath(binary) !== null && existsSync(modelDir);
}

/**
 * pocketsphinx 0.8 (`pocketsphinx_continuous -infile x.wav -time yes`, Debian 12). It prints the
 * hypothesis, then one `word start_s end_s posterior` line per segment, fillers included.
 */
export function pocketsphinxEngine(options: PocketsphinxOptions): SpeechToText {
  const modelDir = options.modelDir ?? POCKETSPHINX_EN_US_MODEL;
  return {
    name: 'pocketsphinx',
    // pocketsphinx_continuous decodes a file as a stream with flat memory: six-minute windows cut
    // few utterances (30 s windows measured 76 % WER against 69 % for the whole file) and still
    // finish well inside STT_TIMEOUT_S on a busy machine.
    windowMs: 6 * 60_000,
    async status() {
      if (findOnPath(options.binary) === null) {
        return {
          available: false,
          detail: `${options.binary} was not found: install the Debian packages pocketsphinx and pocketsphinx-en-us.`,
        };
      }
      if (!existsSync(modelDir)) {
        return {
          available: false,
          detail: `The en-us model is missing (${modelDir}): install pocketsphinx-en-us.`,
        };
      }
      return { available: true, detail: 'pocketsphinx with the en-us model; English only; rough accuracy.' };
    },
    async transcribe(wavPath: string, opts: TranscribeOptions = {}): Promise<TranscriptionResult> {
      const args = ['-infile', wavPath, '-time', 'yes', '-logfn', '/dev/null'];
      let out: Buffer;
      try {
        out = await runProcess(options.binary, args, {
          timeoutMs: options.timeoutMs,
          wrapper: ['nice', '-n', '10'],
          collectStdout: true,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (error) {
        throw toSpeechError(error);
      }
      return { words: parsePocketsphinxTimes(out.toString('utf8')), language: 'en', engine: 'pocketsphinx' };
    },
  };
}

const TIME_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/;

/** Parses `-time yes` output; fillers (<s>, <sil>, [NOISE]…) dropped, `word(2)` variants folded. */
export function parsePocketsphinxTimes(stdout: string): RecognisedWord[] {
  const words: RecognisedWord[] = [];
  for (const line of stdout.split('\n')) {
    const m = TIME_LINE.exec(line.trim());
    if (!m) continue;
    const [, token = '', start = '0', end = '0', prob = '1'] = m;
    if (token.startsWith('<') || token.startsWith('[') || token.startsWith('++')) continue;
    const text = token.replace(/\(\d+\)$/, '');
    words.push({
      text,
      startMs: Math.round(Number(start) * 1000),
      endMs: Math.round(Number(end) * 1000),
      confidence: Math.min(1, Math.max(0, Number(prob))),
    });
  }
  return words;
}
