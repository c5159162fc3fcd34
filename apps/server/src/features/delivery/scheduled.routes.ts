import {
  IdParams,
  ScheduledPost,
  ScheduledPostList,
  ScheduleRequest,
  UpdateScheduledRequest,
} from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function scheduledRoutes(app: App, { scheduled }: Services): void {
  const tags = ['delivery'];

  app.post(
    '/me/scheduled',
    {
      schema: {
        tags,
        summary: 'Schedule a new thread or a reply to go out later',
        body: ScheduleRequest,
        response: { 201: ScheduledPost, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await scheduled.schedule(requireActor(request), request.body)),
  );

  app.get(
    '/me/scheduled',
    {
      schema: {
        tags,
        summary: 'My scheduled posts',
        response: { 200: ScheduledPostList, ...errorResponses },
      },
    },
    async (request) => scheduled.list(requireActor(request)),
  );

  app.patch(
    '/me/scheduled/:id',
    {
      schema: {
        tags,
        summary: 'Change the text or the time of a scheduled post until it goes out',
        params: IdParams,
        body: UpdateScheduledRequest,
        response: { 200: ScheduledPost, ...errorResponses },
      },
    },
    async (request) => scheduled.update(requireActor(request), request.params.id, request.body),
  );

  app.delete(
    '/me/scheduled/:id',
    {
      schema: {
        tags,
        summary: 'Cancel a scheduled post until it goes out',
        params: IdParams,
        response: { 200: ScheduledPost, ...errorResponses },
      },
    },
    async (request) => scheduled.cancel(requireActor(request), request.params.id),
  );
}
