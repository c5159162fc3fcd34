import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SpeechError } from './speech-error';
import type { RecognisedWord, SpeechToText, TranscribeOptions, TranscriptionResult } from './speech-to-text';

export interface OpenAiCompatibleOptions {
  /** Base URL without `/v1/...`. */
  url: string;
  key: string | null;
  model: string;
  timeoutMs: number;
}

interface VerboseJson {
  text?: unknown;
  language?: unknown;
  words?: unknown;
  segments?: unknown;
}

/**
 * Any server speaking OpenAI's `/v1/audio/transcriptions` (whisper.cpp server, faster-whisper
 * servers, LocalAI): multipart upload, `verbose_json` with word timestamps.
 */
export function openAiCompatibleEngine(options: OpenAiCompatibleOptions): SpeechToText {
  const endpoint = `${options.url.replace(/\/+$/, '')}/v1/audio/transcriptions`;
  const engine = `openai-compatible:${options.model}`;
  return {
    name: 'openai-compatible',
    async status() {
      return { available: true, detail: `Sends audio to ${endpoint} (model ${options.model}).` };
    },
    async transcribe(wavPath: string, opts: TranscribeOptions = {}): Promise<TranscriptionResult> {
      const form = new FormData();
      const bytes = await readFile(wavPath);
      form.append('file', new Blob([bytes], { type: 'audio/wav' }), path.basename(wavPath));
      form.append('model', options.model);
      form.append('response_format', 'verbose_json');
      form.append('timestamp_granularities[]', 'word');
      form.append('timestamp_granularities[]', 'segment');
      if (opts.language) form.append('language', opts.language);
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
      let response: Response;
      let body: string;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          body: form,
          signal,
          headers: options.key ? { authorization: `Bearer ${options.key}` } : {},
        });
        body = await response.text();
      } catch (error) {
        if (opts.signal?.aborted) throw new SpeechError('aborted', 'The transcription was stopped.');
        if (timeout.aborted) {
          throw new SpeechError('timeout', `${endpoint} did not answer within ${options.timeoutMs / 1000} s`);
        }
        throw new SpeechError('unavailable', `Could not reach ${endpoint}: ${(error as Error).message}`);
      }
      if (!response.ok) {
        throw new SpeechError(
          'failed',
          `${endpoint} answered ${response.status}: ${body.slice(0, 200).trim()}`,
        );
      }
      let json: VerboseJson;
      try {
        json = JSON.parse(body) as VerboseJson;
      } catch {
        throw new SpeechError('bad_response', `${endpoint} did not answer JSON: ${body.slice(0, 80).trim()}`);
      }
      if (typeof json !== 'object' || json === null) {
        throw new SpeechError('bad_response', `${endpoint} answered an unexpected JSON value`);
      }
      return {
        words: wordsOf(json, endpoint),
        language: typeof json.language === 'string' ? toIsoCode(json.language) : (opts.language ?? 'und'),
        engine,
      };
    },
  };
}

interface Timed {
  text: string;
  start: number;
  end: number;
  confidence: number;
}

function wordsOf(json: VerboseJson, endpoint: string): RecognisedWord[] {
  const words = Array.isArray(json.words) ? json.words.map((w) => timed(w, 'word')) : [];
  if (words.length > 0 && words.every((w) => w !== null)) return words.map(toMs);
  if (Array.isArray(json.segments)) {
    const segments = json.segments.map((s) => timed(s, 'text'));
    if (segments.some((s) => s === null)) {
      throw new SpeechError('bad_response', `${endpoint} answered segments without text/start/end`);
    }
    return (segments as Timed[]).flatMap(spreadSegment).map(toMs);
  }
  if (typeof json.text === 'string' && json.text.trim() === '') return [];
  if (words.length > 0) throw new SpeechError('bad_response', `${endpoint} answered words without start/end`);
  throw new SpeechError('bad_response', `${endpoint} answered neither words nor segments`);
}

function timed(value: unknown, textKey: 'word' | 'text'): Timed | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const text = v[textKey];
  if (typeof text !== 'string' || typeof v.start !== 'number' || typeof v.end !== 'number') return null;
  // faster-whisper gives `probability`; whisper.cpp server may give `p`.
  const p = typeof v.probability === 'number' ? v.probability : typeof v.p === 'number' ? v.p : 1;
  return { text: text.trim(), start: v.start, end: v.end, confidence: Math.min(1, Math.max(0, p)) };
}

/** No word times: share the segment's time evenly among its words. */
function spreadSegment(segment: Timed): Timed[] {
  const parts = segment.text.split(/\s+/).filter(Boolean);
  const step = (segment.end - segment.start) / Math.max(1, parts.length);
  return parts.map((text, i) => ({
    text,
    start: segment.start + i * step,
    end: segment.start + (i + 1) * step,
    confidence: segment.confidence,
  }));
}

const toMs = (w: Timed): RecognisedWord => ({
  text: w.text,
  startMs: Math.round(w.start * 1000),
  endMs: Math.round(w.end * 1000),
  confidence: w.confidence,
});

/** Servers answer "english" (OpenAI) or "en" (whisper.cpp); keep ISO codes. */
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  french: 'fr',
  german: 'de',
  spanish: 'es',
  italian: 'it',
  dutch: 'nl',
  portuguese: 'pt',
};
function toIsoCode(language: string): string {
  const l = language.toLowerCase();
  return LANGUAGE_NAMES[l] ?? l;
}
