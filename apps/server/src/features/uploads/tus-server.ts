import type { IncomingMessage } from 'node:http';
import { EVENTS, Server } from '@tus/server';
import type { AppContext } from '../../context';
import { AppError } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import type { MediaService } from '../media/media.service';

export const UPLOADS_PATH = '/api/uploads';

/** Who is uploading: set by the Fastify route (which authenticated the request) for the tus hooks. */
const actors = new WeakMap<IncomingMessage, Actor>();
export const setUploader = (raw: IncomingMessage, actor: Actor) => actors.set(raw, actor);

type TusRequest = { runtime?: { node?: { req: IncomingMessage } } };
function uploaderOf(req: unknown): Actor {
  const raw = (req as TusRequest).runtime?.node?.req;
  const actor = raw ? actors.get(raw) : undefined;
  if (!actor) throw { status_code: 401, body: jsonError(401, 'unauthenticated', 'Sign in to continue.') };
  return actor;
}

const jsonError = (status: number, code: string, message: string) =>
  JSON.stringify({ error: { status, code, message } });

/** Our errors in the shape the tus server answers with (status_code + body). */
async function asTus<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) {
      throw { status_code: error.status, body: jsonError(error.status, error.code, error.message) };
    }
    throw error;
  }
}

/**
 * The tus server for /api/uploads. Bytes are staged by `ctx.uploadStaging` (the bucket under
 * `uploads/` when STORAGE=s3, else `<DATA_DIR>/uploads`), so an upload resumes after a restart;
 * the upload id is the media id, so its URL is known without asking. When the last byte arrives
 * the file moves into the BlobStore and the finalize job is queued.
 */
export function createTusServer(ctx: AppContext, media: MediaService) {
  const staging = ctx.uploadStaging;
  const datastore = staging.datastore;
  const server = new Server({
    path: UPLOADS_PATH,
    datastore,
    relativeLocation: true,
    allowedOrigins: [new URL(ctx.config.publicUrl).origin],
    allowedHeaders: ['x-csrf-token'],
    postReceiveInterval: 1000,
    maxSize: () => media.uploadLimit(),
    namingFunction: (req, metadata) =>
      asTus(async () => {
        const mediaId = metadata?.mediaId ?? '';
        await media.uploadTarget(uploaderOf(req), mediaId);
        if (
          await datastore.getUpload(mediaId).then(
            () => true,
            () => false,
          )
        ) {
          throw new AppError(
            409,
            'upload_exists',
            `This recording's upload already exists: resume it at ${UPLOADS_PATH}/${mediaId}.`,
          );
        }
        return mediaId;
      }),
    onIncomingRequest: (req, uploadId) =>
      asTus(async () => {
        await media.uploadTarget(uploaderOf(req), uploadId);
      }),
    onUploadFinish: (req, upload) =>
      asTus(async () => {
        const row = await media.uploadTarget(uploaderOf(req), upload.id);
        await staging.importFinished(upload.id, row.upload_key, row.mime_type);
        await media.finishUpload(row.id, upload.offset);
        await staging.remove(upload.id);
        return {};
      }),
  });
  // Progress during one long PATCH (a file upload sends the whole file in one request).
  server.on(EVENTS.POST_RECEIVE, (_req, upload) => {
    void media.recordOffset(upload.id, upload.offset).catch(() => {});
  });
  return {
    server,
  };
}
export type TusUploads = ReturnType<typeof createTusServer>;
