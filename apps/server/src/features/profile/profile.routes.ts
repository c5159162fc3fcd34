import { ChangePasswordRequest, IdParams, Ok, UpdateProfileRequest, User } from '@tidings/contracts';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import { AppError, invalid } from '../../lib/errors';
import type { Services } from '../../services';

export function profileRoutes(app: App, { profile }: Services): void {
  const tags = ['profile'];

  app.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Change your name or time zone',
        body: UpdateProfileRequest,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => profile.updateProfile(requireActor(request), request.body),
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags,
        summary: 'Change your password (signs out your other sessions)',
        body: ChangePasswordRequest,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await profile.changePassword(
        requireActor(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );

  app.put(
    '/me/avatar',
    {
      schema: {
        tags,
        summary:
          'Upload an avatar image (multipart/form-data, field "file"); it is cropped square and resized',
        consumes: ['multipart/form-data'],
        response: { 200: User, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const file = await request.file();
      if (!file) throw invalid('Attach an image in the "file" field.', { file: 'Choose an image' });
      if (!file.mimetype.startsWith('image/')) {
        throw new AppError(415, 'unsupported_media_type', 'Avatars must be images (JPEG, PNG, WebP or GIF).');
      }
      return profile.setAvatar(actor, await file.toBuffer());
    },
  );

  app.delete(
    '/me/avatar',
    { schema: { tags, summary: 'Remove your avatar', response: { 200: User, ...errorResponses } } },
    async (request) => profile.removeAvatar(requireActor(request)),
  );

  app.get(
    '/users/:id/avatar',
    {
      schema: {
        tags,
        summary: "A person's avatar image",
        params: IdParams,
        querystring: z.object({ v: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const blob = await profile.readAvatar(requireActor(request), request.params.id);
      // Private: avatars are only for signed-in people. The ?v= version makes long caching safe.
      return reply
        .type(blob.contentType)
        .header('content-length', blob.size)
        .header('cache-control', 'private, max-age=86400')
        .send(blob.stream);
    },
  );
}
