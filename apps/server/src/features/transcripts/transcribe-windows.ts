import type { RecognisedWord, SpeechToText } from '../../adapters/speech/speech-to-text';
import { mergeWindow, planWindows, readWavInfo, writeWindow } from './windows';

/** The engine failed on the recording: ends the transcript `failed`, not retried. */
export class TranscriptionError extends Error {}

export interface WindowedResult {
  words: RecognisedWord[];
  language: string | null;
  engine: string | null;
}

/**
 * Runs the engine over a long WAV one overlapping window at a time (each window written to
 * `windowFile`, reused), merging the words. Each window has its own time limit; an engine that
 * throws or overruns ends the run with a TranscriptionError a person can read.
 */
export async function transcribeWindows(
  stt: SpeechToText,
  wavFile: string,
  windowFile: string,
  options: {
    language: string | undefined;
    timeoutMs: number;
    windowMs?: number;
    overlapMs?: number;
    onProgress?: (percent: number) => Promise<void>;
  },
): Promise<WindowedResult> {
  const info = await readWavInfo(wavFile);
  const windows = planWindows(info.durationMs, options.windowMs ?? stt.windowMs, options.overlapMs);
  let words: RecognisedWord[] = [];
  let language: string | null = null;
  let engine: string | null = null;
  for (const window of windows) {
    await writeWindow(wavFile, info, window, windowFile);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    try {
      const result = await Promise.race([
        stt.transcribe(windowFile, { language: options.language, signal: controller.signal }),
        new Promise<never>((_, reject) =>
          controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        ),
      ]);
      words = mergeWindow(words, result.words, window, options.overlapMs);
      language ??= result.language;
      engine ??= result.engine;
    } catch (error) {
      if (timedOut) {
        throw new TranscriptionError(
          `The speech engine (${stt.name}) did not finish within ${Math.round(options.timeoutMs / 1000)} s and was stopped.`,
        );
      }
      throw new TranscriptionError(`The speech engine (${stt.name}) failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    await options.onProgress?.(Math.min(99, Math.round(((window.index + 1) / windows.length) * 100)));
  }
  return { words, language, engine };
}
