import type { MediaRow } from '../../db/schema';
import { newSecret } from '../../lib/ids';

export interface NewMedia {
  id: string;
  ownerId: string;
  kind: MediaRow['kind'];
  source: MediaRow['source'];
  title: string;
  mimeType: string;
  now: number;
}

/** A media row as it starts: not attached, nothing derived yet, its own share token. */
function blankMediaRow(media: NewMedia): MediaRow {
  return {
    id: media.id,
    owner_id: media.ownerId,
    post_id: null,
    post_index: null,
    kind: media.kind,
    source: media.source,
    status: 'uploading',
    progress: null,
    error: null,
    title: media.title,
    mime_type: media.mimeType,
    upload_key: `media/${media.id}/original`,
    upload_offset: 0,
    upload_length: null,
    size_bytes: null,
    duration_ms: null,
    width: null,
    height: null,
    playable_key: null,
    playable_mime_type: null,
    poster_key: null,
    preview_key: null,
    waveform: null,
    share_token: newSecret(),
    recording_stopped_at: null,
    upload_finished_at: null,
    created_at: media.now,
    updated_at: media.now,
    ready_at: null,
  };
}

/** A media waiting for its bytes (the recorder or the upload sends them next). */
export function uploadingMediaRow(media: NewMedia, expectedBytes: number | null): MediaRow {
  return { ...blankMediaRow(media), upload_length: expectedBytes };
}

/** A media whose bytes are all stored already (its upload_key): finalize comes next. */
export function receivedMediaRow(media: NewMedia, sizeBytes: number): MediaRow {
  return {
    ...blankMediaRow(media),
    status: 'processing',
    progress: 0,
    upload_offset: sizeBytes,
    upload_length: sizeBytes,
    size_bytes: sizeBytes,
    recording_stopped_at: media.now,
    upload_finished_at: media.now,
  };
}
