/** Media tables (migrations 0007–0009); part of the Database in schema.ts. */
import type { Selectable } from 'kysely';

/** Where a person stopped in a recording (migration 0008), per person and media. */
export interface MediaPositionsTable {
  media_id: string;
  user_id: string;
  position_ms: number;
  updated_at: number;
}

/**
 * A recording or uploaded file (migration 0007). Exists from the moment the recorder starts, so
 * the share link does; upload_offset follows the tus upload, upload_length is null while the
 * length is deferred (recording). status: uploading → processing → ready | failed.
 */
export interface MediaTable {
  id: string;
  owner_id: string;
  post_id: string | null;
  post_index: number | null;
  kind: 'video' | 'audio';
  source: 'recording' | 'upload';
  status: 'uploading' | 'processing' | 'ready' | 'failed';
  progress: number | null;
  error: string | null;
  title: string;
  /** Of the upload as declared by the client. */
  mime_type: string;
  /** Blob key of the original bytes once the upload finished. */
  upload_key: string;
  upload_offset: number;
  upload_length: number | null;
  size_bytes: number | null;
  duration_ms: number | null;
  width: number | null;
  height: number | null;
  playable_key: string | null;
  playable_mime_type: string | null;
  poster_key: string | null;
  preview_key: string | null;
  /** JSON array of peaks 0–1 (audio). */
  waveform: string | null;
  /** 256-bit random token of the /v/<token> page; shown to anyone who may see the media. */
  share_token: string;
  recording_stopped_at: number | null;
  upload_finished_at: number | null;
  created_at: number;
  updated_at: number;
  ready_at: number | null;
}
export type MediaRow = Selectable<MediaTable>;

/** One transcript per media (migration 0009); words and silences are JSON. */
export interface TranscriptsTable {
  media_id: string;
  status: 'off' | 'pending' | 'running' | 'done' | 'failed';
  progress: number | null;
  message: string | null;
  language: string | null;
  engine: string | null;
  /** JSON array of {index, text, startMs, endMs, confidence, edited}. */
  words: string;
  text: string;
  /** JSON array of {startMs, endMs}; null until silence detection ran. */
  silences: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}
export type TranscriptRow = Selectable<TranscriptsTable>;

/** Every correction an author made to a transcript word (migration 0009). */
export interface TranscriptCorrectionsTable {
  media_id: string;
  word_index: number;
  before: string;
  text: string;
  corrected_by: string;
  corrected_at: number;
}
