import {
  IdParams,
  Ok,
  OutsiderContext,
  OutsiderList,
  OutsiderParams,
  PrivateLink,
  RedeemLinkAnswer,
  RedeemLinkRequest,
} from '@tidings/contracts';
import type { Config } from '../../config';
import { requireActor, setSessionCookie } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import { clientInfo } from '../accounts/accounts.routes';
import { presentSession } from '../accounts/present';

export function outsidersRoutes(app: App, { outsiders }: Services, config: Config): void {
  const tags = ['outsiders'];

  app.post(
    '/outsiders/redeem',
    {
      // The token is the proof; the page posting it may still carry an older session's cookie.
      config: { signedLink: true },
      schema: {
        tags,
        summary: "Open an outsider's private link: starts their session (unknown, revoked or idle: 404)",
        body: RedeemLinkRequest,
        response: { 200: RedeemLinkAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { started, threadId } = await outsiders.redeem(request.body.token, clientInfo(request));
      setSessionCookie(reply, started, config);
      return {
        session: presentSession(started.user, started.workspace, started.session.csrf_token),
        threadId,
      };
    },
  );

  app.get(
    '/outsiders/me',
    {
      schema: {
        tags,
        summary: 'For an outsider: the threads they were invited to, and by whom',
        response: { 200: OutsiderContext, ...errorResponses },
      },
    },
    async (request) => outsiders.context(requireActor(request)),
  );

  app.get(
    '/threads/:id/outsiders',
    {
      schema: {
        tags,
        summary: 'People outside the workspace this thread is addressed to',
        params: IdParams,
        response: { 200: OutsiderList, ...errorResponses },
      },
    },
    async (request) => ({
      outsiders: await outsiders.listForThread(requireActor(request), request.params.id),
    }),
  );

  app.post(
    '/threads/:id/outsiders/:userId/links',
    {
      schema: {
        tags,
        summary: 'Make a new private link for an outsider (earlier ones keep working)',
        params: OutsiderParams,
        response: { 201: PrivateLink, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        url: await outsiders.newLink(requireActor(request), request.params.id, request.params.userId),
      }),
  );

  app.delete(
    '/threads/:id/outsiders/:userId',
    {
      schema: {
        tags,
        summary: "Revoke an outsider's access: their links stop working and their sessions end",
        params: OutsiderParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await outsiders.revoke(requireActor(request), request.params.id, request.params.userId);
      return { ok: true as const };
    },
  );
}
