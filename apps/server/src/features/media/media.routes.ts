import {
  ApiError,
  CreatedMedia,
  CreateMediaRequest,
  IdParams,
  Media,
  MediaList,
  Ok,
  RenameMediaRequest,
  ShareTokenParams,
  StopRecordingRequest,
  UpdateWorkspaceSettingsRequest,
  WorkspaceSettings,
} from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function mediaRoutes(app: App, { media }: Services): void {
  const tags = ['media'];

  app.post(
    '/media',
    {
      schema: {
        tags,
        summary: 'Start a recording or file upload: the media and its share link exist at once',
        body: CreateMediaRequest,
        response: { 201: CreatedMedia, 413: ApiError, 415: ApiError, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await media.createMedia(requireActor(request), request.body)),
  );

  app.get(
    '/media/:id',
    {
      schema: {
        tags,
        summary: "A recording (its owner, or people who can see the post it's in)",
        params: IdParams,
        response: { 200: Media, ...errorResponses },
      },
    },
    async (request) => media.getMedia(requireActor(request), request.params.id),
  );

  app.get(
    '/me/media',
    {
      schema: {
        tags,
        summary: "The caller's recordings, newest first",
        response: { 200: MediaList, ...errorResponses },
      },
    },
    async (request) => ({ media: await media.listMine(requireActor(request)) }),
  );

  app.post(
    '/media/:id/stop',
    {
      schema: {
        tags,
        summary: 'The recording stopped: its share link works from now, while the last bytes arrive',
        params: IdParams,
        body: StopRecordingRequest.optional(),
        response: { 200: Media, ...errorResponses },
      },
    },
    async (request) => media.stopRecording(requireActor(request), request.params.id, request.body ?? {}),
  );

  app.patch(
    '/media/:id',
    {
      schema: {
        tags,
        summary: 'Rename a recording (owner)',
        description:
          'The title is trimmed and must be 1–200 characters (400 with a message for `title` otherwise). ' +
          "Anyone but the owner gets 404. The owner's other tabs hear `media.updated`; people who see " +
          'the post it is attached to get the new title the next time they load the thread.',
        params: IdParams,
        body: RenameMediaRequest,
        response: { 200: Media, ...errorResponses },
      },
    },
    async (request) => media.renameMedia(requireActor(request), request.params.id, request.body),
  );

  app.delete(
    '/media/:id',
    {
      schema: {
        tags,
        summary: 'Delete a recording (owner)',
        params: IdParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await media.deleteMedia(requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/share/:token',
    {
      schema: {
        tags,
        summary: 'The recording behind a /v/<token> link (workspace members)',
        params: ShareTokenParams,
        response: { 200: Media, ...errorResponses },
      },
    },
    async (request) => media.getShared(requireActor(request), request.params.token),
  );

  app.get(
    '/workspace/settings',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Workspace limits for recordings and uploads',
        response: { 200: WorkspaceSettings, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return media.workspaceSettings();
    },
  );

  app.patch(
    '/workspace/settings',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Change workspace limits (admins)',
        body: UpdateWorkspaceSettingsRequest,
        response: { 200: WorkspaceSettings, ...errorResponses },
      },
    },
    async (request) => media.updateWorkspaceSettings(requireActor(request), request.body),
  );
}
