import { ChangeRoleRequest, IdParams, MemberList, User } from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function membersRoutes(app: App, { members }: Services): void {
  const tags = ['members'];

  app.get(
    '/members',
    {
      schema: {
        tags,
        summary: 'Everyone in the workspace',
        response: { 200: MemberList, ...errorResponses },
      },
    },
    async (request) => ({
      members: await members.listMembers(requireActor(request)),
    }),
  );

  app.patch(
    '/members/:id',
    {
      schema: {
        tags,
        summary: "Change a person's role (admins)",
        params: IdParams,
        body: ChangeRoleRequest,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => members.changeMemberRole(requireActor(request), request.params.id, request.body.role),
  );
}
