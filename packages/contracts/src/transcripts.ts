import { z } from 'zod';
import { EpochMs, Id } from './common';

/** A language code such as "en", "de" or "pt-BR"; null means "let the engine decide". */
export const LanguageCode = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { message: 'Use a language code such as en or pt-BR' });

export const TranscriptStatus = z.enum(['off', 'pending', 'running', 'done', 'failed']);

export const TranscriptWord = z.object({
  /** Position in the transcript; stable across corrections (edits replace text, keep times). */
  index: z.number().int(),
  text: z.string(),
  startMs: z.number().int(),
  endMs: z.number().int(),
  confidence: z.number().min(0).max(1),
  edited: z.boolean(),
});
export type TranscriptWord = z.infer<typeof TranscriptWord>;

export const SilenceSpan = z.object({ startMs: z.number().int(), endMs: z.number().int() });

export const Transcript = z
  .object({
    mediaId: Id,
    status: TranscriptStatus,
    /** 0–100 while running. */
    progress: z.number().min(0).max(100).nullable(),
    /** Why it failed, or — when status is "off" — how to turn transcription on. */
    message: z.string().nullable(),
    language: z.string().nullable(),
    engine: z.string().nullable(),
    words: z.array(TranscriptWord),
    /** Plain text of the (corrected) transcript. */
    text: z.string(),
    /** Silences longer than 0.5 s, for skipping at playback and trimming both ends. */
    silences: z.array(SilenceSpan),
    updatedAt: EpochMs.nullable(),
  })
  .meta({ id: 'Transcript' });
export type Transcript = z.infer<typeof Transcript>;

/** Corrections by the media's author: replace the text of words by index (times are kept). */
export const CorrectTranscriptRequest = z.object({
  corrections: z
    .array(z.object({ index: z.number().int().min(0), text: z.string().trim().max(100) }))
    .min(1)
    .max(2000),
});

export const SpeechEngineStatus = z.object({
  engine: z.enum(['pocketsphinx', 'whisper', 'openai-compatible', 'none']),
  available: z.boolean(),
  detail: z.string(),
});
