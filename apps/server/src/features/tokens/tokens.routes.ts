import { CreatedToken, CreateTokenRequest, IdParams, Ok, TokenList } from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function tokensRoutes(app: App, { tokens }: Services): void {
  const tags = ['tokens'];

  app.get(
    '/tokens',
    {
      schema: { tags, summary: 'Your personal API tokens', response: { 200: TokenList, ...errorResponses } },
    },
    async (request) => ({
      tokens: await tokens.listApiTokens(requireActor(request)),
    }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create a personal API token; the secret is shown once',
        body: CreateTokenRequest,
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tokens.createApiToken(requireActor(request), request.body.name)),
  );

  app.delete(
    '/tokens/:id',
    {
      schema: { tags, summary: 'Revoke a token', params: IdParams, response: { 200: Ok, ...errorResponses } },
    },
    async (request) => {
      await tokens.revokeApiToken(requireActor(request), request.params.id);
      return { ok: true as const };
    },
  );
}
