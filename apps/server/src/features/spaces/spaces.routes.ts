import {
  AddSpaceMembersRequest,
  CreateSpaceRequest,
  IdParams,
  Ok,
  Space,
  SpaceList,
  SpaceMemberList,
  SpaceMemberParams,
  ThreadSummaryList,
  ThreadSummaryQuery,
  UpdateSpaceRequest,
} from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function spacesRoutes(app: App, { spaces, threads }: Services): void {
  const tags = ['spaces'];
  const ok = { ok: true as const };

  app.get(
    '/spaces',
    { schema: { tags, summary: 'Spaces you can see', response: { 200: SpaceList, ...errorResponses } } },
    async (request) => ({ spaces: await spaces.listSpaces(requireActor(request)) }),
  );

  app.post(
    '/spaces',
    {
      schema: {
        tags,
        summary: 'Create a space (you become a member)',
        body: CreateSpaceRequest,
        response: { 201: Space, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await spaces.createSpace(requireActor(request), request.body)),
  );

  app.get(
    '/spaces/:id',
    { schema: { tags, summary: 'One space', params: IdParams, response: { 200: Space, ...errorResponses } } },
    async (request) => spaces.getSpace(requireActor(request), request.params.id),
  );

  app.patch(
    '/spaces/:id',
    {
      schema: {
        tags,
        summary: 'Rename, describe, archive or unarchive (creator or admins)',
        params: IdParams,
        body: UpdateSpaceRequest,
        response: { 200: Space, ...errorResponses },
      },
    },
    async (request) => spaces.updateSpace(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/spaces/:id/join',
    {
      schema: {
        tags,
        summary: 'Join a public space',
        params: IdParams,
        response: { 200: Space, ...errorResponses },
      },
    },
    async (request) => spaces.joinSpace(requireActor(request), request.params.id),
  );

  app.post(
    '/spaces/:id/leave',
    {
      schema: { tags, summary: 'Leave a space', params: IdParams, response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      await spaces.leaveSpace(requireActor(request), request.params.id);
      return ok;
    },
  );

  app.get(
    '/spaces/:id/members',
    {
      schema: {
        tags,
        summary: 'Members of a space',
        params: IdParams,
        response: { 200: SpaceMemberList, ...errorResponses },
      },
    },
    async (request) => ({ members: await spaces.listMembers(requireActor(request), request.params.id) }),
  );

  app.post(
    '/spaces/:id/members',
    {
      schema: {
        tags,
        summary: 'Add people to a space (its members or admins)',
        params: IdParams,
        body: AddSpaceMembersRequest,
        response: { 200: SpaceMemberList, ...errorResponses },
      },
    },
    async (request) => ({
      members: await spaces.addMembers(requireActor(request), request.params.id, request.body.userIds),
    }),
  );

  app.delete(
    '/spaces/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove someone from a space (yourself, or as its creator or an admin)',
        params: SpaceMemberParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await spaces.removeMember(requireActor(request), request.params.id, request.params.userId);
      return ok;
    },
  );

  app.get(
    '/spaces/:id/threads',
    {
      schema: {
        tags,
        summary: 'Threads addressed to a space, latest activity first',
        params: IdParams,
        querystring: ThreadSummaryQuery,
        response: { 200: ThreadSummaryList, ...errorResponses },
      },
    },
    async (request) => threads.listSpaceThreads(requireActor(request), request.params.id, request.query),
  );
}
