import type {
  CreatedMedia,
  CreateMediaRequest,
  Media,
  MyMedia,
  RenameMediaRequest,
  StopRecordingRequest,
  UpdateWorkspaceSettingsRequest,
  WorkspaceSettings,
} from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { MediaRow } from '../../db/schema';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Actor } from '../accounts/actor';
import { transcriptsRepository } from '../transcripts/transcripts.repository';
import { viewSummaries } from '../views/view-summaries';
import { announceMediaUpdated } from './announce';
import { enqueueFinalize } from './finalize-queue';
import { assertCanManageWorkspaceSettings, isMediaOwner, isMediaType } from './media.policy';
import { type MediaWithOwner, mediaRepository } from './media.repository';
import { uploadingMediaRow } from './media-row';
import { presentMedia, type SignMediaUrls, unsignedUrls } from './present';

export const UPLOAD_ENDPOINT = '/api/uploads';
/** Offset notices at most this often per media: the recorder sends a chunk every second or two. */
const OFFSET_EVENT_INTERVAL_MS = 1000;

export const tooLarge = (limit: number) =>
  new AppError(
    413,
    'media_too_large',
    `This file is larger than the workspace allows (${Math.floor(limit / 1024 ** 2)} MB). Trim it or ask an admin to raise the limit.`,
  );

export function mediaService(ctx: AppContext, sign: SignMediaUrls = unsignedUrls) {
  const media = mediaRepository(ctx.db);
  const lastOffsetEvent = new Map<string, number>();

  const present = async (viewerId: string, row: MediaWithOwner): Promise<Media> =>
    presentMedia(row, await sign(viewerId, row), ctx.config.publicUrl);

  const publish = (row: Pick<MediaRow, 'id' | 'owner_id'>) => announceMediaUpdated(ctx, row.owner_id, row.id);

  async function findOwn(actor: Actor, id: string): Promise<MediaWithOwner> {
    const row = await media.find(id);
    if (!row || !isMediaOwner(actor, row)) throw notFound('That recording');
    return row;
  }

  /** Owner, or anyone who may see the thread of the post it is attached to; 404 otherwise. */
  async function findVisible(actor: Actor, id: string): Promise<MediaWithOwner> {
    const row = await media.find(id);
    const visible =
      row &&
      (row.owner_id === actor.user.id ||
        (row.post_id !== null && (await media.canSeePost(actor.user, row.post_id))));
    if (!row || !visible) throw notFound('That recording');
    return row;
  }

  return {
    present,

    async createMedia(
      actor: Actor,
      input: z.output<typeof CreateMediaRequest>,
    ): Promise<z.output<typeof CreatedMedia>> {
      if (!isMediaType(input.mimeType)) {
        throw new AppError(
          415,
          'media_type_unsupported',
          'Only audio and video can be uploaded here. Choose a video or audio file.',
        );
      }
      const { maxUploadBytes } = await media.workspaceLimits();
      if (input.sizeBytes !== undefined && input.sizeBytes > maxUploadBytes) throw tooLarge(maxUploadBytes);
      const id = newId();
      const now = ctx.now();
      await media.insert(
        uploadingMediaRow(
          {
            id,
            ownerId: actor.user.id,
            kind: input.kind,
            source: input.source,
            title: input.title,
            mimeType: input.mimeType,
            now,
          },
          input.sizeBytes ?? null,
        ),
      );
      const row = await findOwn(actor, id);
      return { media: await present(actor.user.id, row), uploadEndpoint: UPLOAD_ENDPOINT };
    },

    async getMedia(actor: Actor, id: string): Promise<Media> {
      return present(actor.user.id, await findVisible(actor, id));
    },

    /** The owner's library: each recording with its view counts (one query for the whole list). */
    async listMine(actor: Actor): Promise<MyMedia[]> {
      const rows = await media.listByOwner(actor.user.id, 200);
      const views = await viewSummaries(
        ctx.db,
        actor.user.id,
        rows.map((row) => row.id),
      );
      return Promise.all(
        rows.map(async (row) => ({ ...(await present(actor.user.id, row)), views: views.get(row.id) })),
      );
    },

    /** The recorder stopped: from now the share link is the recording's, bytes or not. */
    async stopRecording(actor: Actor, id: string, input: z.output<typeof StopRecordingRequest>) {
      const row = await findOwn(actor, id);
      if (row.recording_stopped_at === null) {
        await media.update(id, {
          recording_stopped_at: ctx.now(),
          duration_ms: row.duration_ms ?? input.durationMs ?? null,
          updated_at: ctx.now(),
        });
        await publish(row);
      }
      return present(actor.user.id, await findOwn(actor, id));
    },

    /** Other tabs of the owner refetch on the event; thread viewers see it on their next load. */
    async renameMedia(actor: Actor, id: string, input: z.output<typeof RenameMediaRequest>): Promise<Media> {
      const row = await findOwn(actor, id);
      if (row.title !== input.title) {
        await media.update(id, { title: input.title, updated_at: ctx.now() });
        await publish(row);
      }
      return present(actor.user.id, await findOwn(actor, id));
    },

    async deleteMedia(actor: Actor, id: string): Promise<void> {
      const row = await findOwn(actor, id);
      await media.delete(id);
      await transcriptsRepository(ctx.db).delete(id);
      lastOffsetEvent.delete(id);
      const keys = [row.upload_key, row.playable_key, row.poster_key, row.preview_key];
      for (const key of keys) {
        if (key) await ctx.blobs.delete(key).catch((err) => ctx.log.warn({ err, key }, 'blob not deleted'));
      }
      await ctx.uploadStaging
        .remove(id)
        .catch((err) => ctx.log.warn({ err, mediaId: id }, 'staged upload not removed'));
      await publish(row);
    },

    /** The /v/<token> page: workspace members; guests only what they may see anyway. */
    async getShared(actor: Actor, token: string): Promise<Media> {
      const row = await media.findByShareToken(token);
      const visible =
        row &&
        (actor.user.role !== 'guest' ||
          row.owner_id === actor.user.id ||
          (row.post_id !== null && (await media.canSeePost(actor.user, row.post_id))));
      if (!row || !visible) throw notFound('That recording');
      return present(actor.user.id, row);
    },

    /** The media an upload may write into: the caller's own, still uploading. */
    async uploadTarget(actor: Actor, id: string): Promise<MediaRow> {
      const row = await media.find(id);
      if (!row || row.owner_id !== actor.user.id || row.status !== 'uploading')
        throw notFound('That recording');
      return row;
    },

    /** The size of the caller's fully uploaded media, or null while it is not (or not theirs). */
    async finishedUploadSize(actor: Actor, id: string): Promise<number | null> {
      const row = await media.find(id);
      if (!row || row.owner_id !== actor.user.id || row.upload_finished_at === null) return null;
      return Number(row.size_bytes ?? row.upload_offset);
    },

    uploadLimit: async () => (await media.workspaceLimits()).maxUploadBytes,

    /** Bytes arrived: keep the offset durable; tell the owner about once a second. */
    async recordOffset(id: string, offset: number): Promise<void> {
      const now = ctx.now();
      if (!(await media.advanceOffset(id, offset, now))) return;
      if (now - (lastOffsetEvent.get(id) ?? 0) < OFFSET_EVENT_INTERVAL_MS) return;
      lastOffsetEvent.set(id, now);
      const row = await media.find(id);
      if (row) await publish(row);
    },

    /** Every byte is in the BlobStore: hand over to processing. */
    async finishUpload(id: string, size: number): Promise<void> {
      const now = ctx.now();
      const row = await media.find(id);
      if (!row) return;
      await media.update(id, {
        status: 'processing',
        progress: 0,
        upload_offset: size,
        upload_length: size,
        size_bytes: size,
        upload_finished_at: now,
        recording_stopped_at: row.recording_stopped_at ?? now,
        updated_at: now,
      });
      lastOffsetEvent.delete(id);
      await enqueueFinalize(ctx, id);
      await publish(row);
    },

    /** Post.media for a viewer who may see these posts. */
    async attachedTo(viewerId: string, postIds: string[]): Promise<Map<string, Media[]>> {
      const byPost = new Map<string, Media[]>();
      for (const row of await media.listForPosts(postIds)) {
        if (row.post_id === null) continue;
        byPost.set(row.post_id, [...(byPost.get(row.post_id) ?? []), await present(viewerId, row)]);
      }
      return byPost;
    },

    async workspaceSettings(): Promise<WorkspaceSettings> {
      return media.workspaceLimits();
    },

    async updateWorkspaceSettings(
      actor: Actor,
      input: z.output<typeof UpdateWorkspaceSettingsRequest>,
    ): Promise<WorkspaceSettings> {
      assertCanManageWorkspaceSettings(actor);
      await media.updateWorkspaceLimits(input);
      return media.workspaceLimits();
    },
  };
}
export type MediaService = ReturnType<typeof mediaService>;
