import { Ok, SessionInfo, SetupRequest, SetupStatus, SignInRequest } from '@tidings/contracts';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { clearSessionCookie, requireActor, setSessionCookie } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import type { ClientInfo } from './accounts.service';
import { presentSession } from './present';

export const clientInfo = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

export function accountsRoutes(app: App, { accounts }: Services, config: Config): void {
  const tags = ['accounts'];

  app.get(
    '/setup',
    { schema: { tags, summary: 'Whether first-run setup is still needed', response: { 200: SetupStatus } } },
    async () => ({
      needsSetup: await accounts.needsSetup(),
    }),
  );

  app.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Create the workspace and its owner (first run only)',
        body: SetupRequest,
        response: { 201: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const started = await accounts.setUpWorkspace(request.body, clientInfo(request));
      setSessionCookie(reply, started, config);
      return reply
        .status(201)
        .send(presentSession(started.user, started.workspace, started.session.csrf_token));
    },
  );

  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: SignInRequest,
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const started = await accounts.signIn(request.body, clientInfo(request));
      setSessionCookie(reply, started, config);
      return presentSession(started.user, started.workspace, started.session.csrf_token);
    },
  );

  app.post(
    '/auth/sign-out',
    { schema: { tags, summary: 'End this session', response: { 200: Ok, ...errorResponses } } },
    async (request, reply) => {
      await accounts.signOut(requireActor(request));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags,
        summary: 'Who is signed in, and the CSRF token for writes',
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    async (request) => {
      const { user, workspace, csrfToken } = await accounts.describeSession(requireActor(request));
      return presentSession(user, workspace, csrfToken);
    },
  );
}
