import { z } from 'zod';
import { EpochMs, Id } from './common';
import { Person } from './person';
import { LanguageCode, TranscriptStatus } from './transcripts';
import { MediaViewsSummary } from './views';

export const MediaKind = z.enum(['video', 'audio']);
export type MediaKind = z.infer<typeof MediaKind>;
export const MediaSource = z.enum(['recording', 'upload']);
/** uploading → (stopped recording / finished upload) processing → ready | failed. */
export const MediaStatus = z.enum(['uploading', 'processing', 'ready', 'failed']);
export type MediaStatus = z.infer<typeof MediaStatus>;

export const Media = z
  .object({
    id: Id,
    kind: MediaKind,
    source: MediaSource,
    status: MediaStatus,
    /** 0–100 while processing; null otherwise. */
    progress: z.number().min(0).max(100).nullable(),
    error: z.string().nullable().describe('Why processing failed, in words a person can act on'),
    owner: Person,
    postId: Id.nullable(),
    title: z.string(),
    mimeType: z.string().describe('Of the playable rendition once ready; of the upload before'),
    /** Bytes the server holds so far (the recorder shows "saved to server up to mm:ss"). */
    uploadedBytes: z.number().int(),
    sizeBytes: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** Short-lived signed URLs, checked on every request. */
    playbackUrl: z.string().nullable(),
    posterUrl: z.string().nullable(),
    previewUrl: z.string().nullable().describe('A small animated preview (video)'),
    /** Where the caller stopped watching last time (added by playback); null when never started. */
    myPositionMs: z.number().int().nullable().optional(),
    waveform: z.array(z.number().min(0).max(1)).nullable().describe('Peaks for drawing (audio)'),
    shareUrl: z.string().describe('The /v/<token> page; exists from the moment the media is created'),
    recordingStoppedAt: EpochMs.nullable(),
    createdAt: EpochMs,
    /** The transcript's state (see GET /api/media/:id/transcript); null before the job ran. */
    transcriptStatus: TranscriptStatus.nullable().optional(),
    /** The first ≈ 280 characters of the (corrected) transcript, for previews; null without one. */
    transcriptExcerpt: z.string().nullable().optional(),
  })
  .meta({ id: 'Media' });
export type Media = z.infer<typeof Media>;

export const CreateMediaRequest = z.object({
  kind: MediaKind,
  source: MediaSource,
  mimeType: z.string().min(1).max(100),
  title: z.string().trim().max(200).default(''),
  /** For uploads of existing files, the size in bytes when known (checked against the limit). */
  sizeBytes: z.number().int().min(0).optional(),
});
export type CreateMediaRequest = z.input<typeof CreateMediaRequest>;

export const CreatedMedia = z.object({
  media: Media,
  /** tus endpoint to create the upload at (metadata: mediaId). */
  uploadEndpoint: z.string(),
});

/** PATCH /api/media/:id (owner): rename a recording. */
export const RenameMediaRequest = z.object({
  title: z
    .string()
    .trim()
    .min(1, { message: 'Give the recording a title' })
    .max(200, { message: 'Use at most 200 characters' }),
});
export type RenameMediaRequest = z.input<typeof RenameMediaRequest>;

/** The recorder stopped: the link is live now, the last bytes may still be arriving. */
export const StopRecordingRequest = z.object({ durationMs: z.number().int().min(0).optional() });
export const PlaybackPosition = z.object({ positionMs: z.number().int().min(0) });
export const ShareTokenParams = z.object({ token: z.string().min(16).max(128) });

/** GET /api/media/:id/playback (added by playback): short-lived signed URLs for the caller. */
export const PlaybackUrls = z
  .object({
    /** Null until processing has written that rendition. */
    playbackUrl: z.string().nullable(),
    posterUrl: z.string().nullable(),
    previewUrl: z.string().nullable(),
    /** The file as uploaded; null while it is still uploading. */
    originalUrl: z.string().nullable(),
    /** When the URLs stop working; ask again after that (epoch ms). */
    expiresAt: EpochMs,
    /** Where the caller stopped last time, to resume there. */
    positionMs: z.number().int().nullable(),
  })
  .meta({ id: 'PlaybackUrls' });
export type PlaybackUrls = z.infer<typeof PlaybackUrls>;

/** A recording in its owner's own list: with who-watched counts (the owner's eyes only). */
export const MyMedia = Media.extend({ views: MediaViewsSummary.optional() }).meta({ id: 'MyMedia' });
export type MyMedia = z.infer<typeof MyMedia>;

/** GET /api/me/media: the caller's recordings, newest first (the library, the recorder's recovery screen). */
export const MediaList = z.object({ media: z.array(MyMedia) });
export type MediaList = z.infer<typeof MediaList>;

/** Limits an admin sets for the workspace. */
export const WorkspaceSettings = z
  .object({
    maxRecordingMinutes: z.number().int().min(1).max(600),
    maxUploadBytes: z
      .number()
      .int()
      .min(1024 * 1024),
    /** Language of the workspace's recordings (transcription); null lets the engine decide. */
    language: LanguageCode.nullable().optional(),
    /** An outsider's private link stops working after this many days without use. */
    externalLinkIdleDays: z
      .number()
      .int()
      .min(1, { message: 'At least 1 day' })
      .max(365, { message: 'At most 365 days' }),
    /** Whether authors see who watched their recordings (off: counts only). */
    namedReceipts: z.boolean(),
  })
  .meta({ id: 'WorkspaceSettings' });
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
export const UpdateWorkspaceSettingsRequest = WorkspaceSettings.partial();
export type UpdateWorkspaceSettingsRequest = z.input<typeof UpdateWorkspaceSettingsRequest>;
