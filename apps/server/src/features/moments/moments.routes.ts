import {
  CreatedReaction,
  IdParams,
  MediaMoments,
  Ok,
  ReactionParams,
  ReactionRequest,
} from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function momentsRoutes(app: App, { moments }: Services): void {
  const tags = ['moments'];

  app.get(
    '/media/:id/moments',
    {
      schema: {
        tags,
        summary: 'Comments and reactions on the moments of a recording (people who can see its thread)',
        params: IdParams,
        response: { 200: MediaMoments, ...errorResponses },
      },
    },
    async (request) => moments.listMoments(requireActor(request), request.params.id),
  );

  app.post(
    '/media/:id/reactions',
    {
      schema: {
        tags,
        summary: 'React with an emoji at a time in the recording (the same one twice is one reaction)',
        params: IdParams,
        body: ReactionRequest,
        response: { 201: CreatedReaction, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await moments.react(requireActor(request), request.params.id, request.body)),
  );

  app.delete(
    '/media/:id/reactions/:reactionId',
    {
      schema: {
        tags,
        summary: 'Take back one of your own reactions',
        params: ReactionParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await moments.unreact(requireActor(request), request.params.id, request.params.reactionId);
      return { ok: true as const };
    },
  );
}
