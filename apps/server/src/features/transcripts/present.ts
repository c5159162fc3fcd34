import type { Transcript, TranscriptWord } from '@tidings/contracts';
import type { TranscriptRow } from '../../db/schema';
import type { SilenceSpan } from './silences';

const parse = <T>(json: string | null, fallback: T): T => {
  if (!json) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

export const wordsOf = (row: TranscriptRow): TranscriptWord[] => parse<TranscriptWord[]>(row.words, []);

export function presentTranscript(
  mediaId: string,
  row: TranscriptRow | undefined,
  offMessage: string | null,
): Transcript {
  if (!row) {
    return {
      mediaId,
      status: offMessage ? 'off' : 'pending',
      progress: null,
      message: offMessage,
      language: null,
      engine: null,
      words: [],
      text: '',
      silences: [],
      updatedAt: null,
    };
  }
  return {
    mediaId,
    status: row.status,
    progress: row.status === 'running' ? (row.progress ?? 0) : null,
    message: row.message,
    language: row.language,
    engine: row.engine,
    words: wordsOf(row),
    text: row.text,
    silences: parse<SilenceSpan[]>(row.silences, []),
    updatedAt: Number(row.updated_at),
  };
}
