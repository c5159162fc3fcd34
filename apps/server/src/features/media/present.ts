import type { Media } from '@tidings/contracts';
import type { MediaRow } from '../../db/schema';
import { presentPerson } from '../threads/people';
import type { MediaWithOwner } from './media.repository';

export interface MediaUrls {
  playbackUrl: string | null;
  posterUrl: string | null;
  previewUrl: string | null;
  /** The viewer's remembered position (playback). */
  myPositionMs: number | null;
}
/** Short-lived signed URLs for `viewerId` (playback signs them); none until it is wired in. */
export type SignMediaUrls = (viewerId: string, row: MediaRow) => Promise<MediaUrls>;
export const unsignedUrls: SignMediaUrls = async () => ({
  playbackUrl: null,
  posterUrl: null,
  previewUrl: null,
  myPositionMs: null,
});

/** Blob keys per rendition, as playback wants them; the original only once fully uploaded. */
export const mediaKeys = (row: MediaRow) => ({
  playable: row.playable_key,
  poster: row.poster_key,
  preview: row.preview_key,
  original: row.upload_finished_at !== null ? row.upload_key : null,
});

const peaks = (json: string | null): number[] | null => {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : null;
  } catch {
    return null;
  }
};

export const shareUrlOf = (publicUrl: string, token: string) => `${publicUrl}/v/${token}`;

export function presentMedia(row: MediaWithOwner, urls: MediaUrls, publicUrl: string): Media {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    status: row.status,
    progress: row.status === 'processing' ? (row.progress ?? 0) : null,
    error: row.error,
    owner: presentPerson({
      id: row.owner_id,
      name: row.owner_name,
      avatar_key: row.owner_avatar_key,
      updated_at: row.owner_updated_at,
    }),
    postId: row.post_id,
    title: row.title,
    mimeType: row.playable_mime_type ?? row.mime_type,
    uploadedBytes: Number(row.upload_offset),
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    width: row.width,
    height: row.height,
    ...urls,
    waveform: peaks(row.waveform),
    shareUrl: shareUrlOf(publicUrl, row.share_token),
    recordingStoppedAt: row.recording_stopped_at,
    createdAt: row.created_at,
    transcriptStatus: (row.transcript_status as Media['transcriptStatus']) ?? null,
    transcriptExcerpt: row.transcript_excerpt || null,
  };
}

/** What playback needs of a media row (see features/playback). */
export const toPlaybackMedia = (row: MediaRow) => ({
  id: row.id,
  ownerId: row.owner_id,
  postId: row.post_id,
  status: row.status,
  mimeType: row.playable_mime_type ?? row.mime_type,
  originalMimeType: row.mime_type,
  keys: mediaKeys(row),
});
