import {
  AcceptInviteRequest,
  CreatedInvite,
  CreateInviteRequest,
  IdParams,
  InviteList,
  InvitePreview,
  InviteTokenParams,
  Ok,
  SessionInfo,
} from '@tidings/contracts';
import type { Config } from '../../config';
import { requireActor, setSessionCookie } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import { clientInfo } from '../accounts/accounts.routes';
import { presentSession } from '../accounts/present';

export function invitesRoutes(app: App, { invites }: Services, config: Config): void {
  const tags = ['invites'];

  app.get(
    '/invites',
    {
      schema: { tags, summary: 'Pending invites (admins)', response: { 200: InviteList, ...errorResponses } },
    },
    async (request) => ({
      invites: await invites.listInvites(requireActor(request)),
    }),
  );

  app.post(
    '/invites',
    {
      schema: {
        tags,
        summary: 'Create an invite link (admins)',
        body: CreateInviteRequest,
        response: { 201: CreatedInvite, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await invites.createInvite(requireActor(request), request.body)),
  );

  app.delete(
    '/invites/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a pending invite (admins)',
        params: IdParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await invites.revokeInvite(requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/invites/by-token/:token',
    {
      schema: {
        tags,
        summary: 'What an invite link offers (no sign-in needed)',
        params: InviteTokenParams,
        response: { 200: InvitePreview, ...errorResponses },
      },
    },
    async (request) => invites.previewInvite(request.params.token),
  );

  app.post(
    '/invites/by-token/:token/accept',
    {
      schema: {
        tags,
        summary: 'Create an account from an invite link and sign in',
        params: InviteTokenParams,
        body: AcceptInviteRequest,
        response: { 201: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const started = await invites.acceptInvite(request.params.token, request.body, clientInfo(request));
      setSessionCookie(reply, started, config);
      return reply
        .status(201)
        .send(presentSession(started.user, started.workspace, started.session.csrf_token));
    },
  );
}
