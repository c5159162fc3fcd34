import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { accountsRoutes } from '../features/accounts/accounts.routes';
import { attentionRoutes } from '../features/attention/attention.routes';
import { deliveryRoutes } from '../features/delivery/delivery.routes';
import { emailRoutes } from '../features/email/email.routes';
import { eventsRoutes } from '../features/events/events.routes';
import { healthRoutes } from '../features/health/health.routes';
import { inboxRoutes } from '../features/inbox/inbox.routes';
import { invitesRoutes } from '../features/invites/invites.routes';
import { mediaRoutes } from '../features/media/media.routes';
import { membersRoutes } from '../features/members/members.routes';
import { momentsRoutes } from '../features/moments/moments.routes';
import { emailPosterRoutes } from '../features/outsiders/email-poster';
import { outsidersRoutes } from '../features/outsiders/outsiders.routes';
import { mediaBytesRoutes, playbackApiRoutes } from '../features/playback/playback.routes';
import { postFilesRoutes } from '../features/post-files/post-files.routes';
import { profileRoutes } from '../features/profile/profile.routes';
import { searchRoutes } from '../features/search/search.routes';
import { shareLinksRoutes, sharePublicRoutes } from '../features/share-links/share-links.routes';
import { sharePageRoutes } from '../features/share-links/share-page';
import { spacesRoutes } from '../features/spaces/spaces.routes';
import { speechRoutes } from '../features/speech/speech.routes';
import { threadsRoutes } from '../features/threads/threads.routes';
import { tokensRoutes } from '../features/tokens/tokens.routes';
import { transcriptsRoutes } from '../features/transcripts/transcripts.routes';
import { uploadsRoutes } from '../features/uploads/uploads.routes';
import { viewsRoutes } from '../features/views/views.routes';
import { createServices, type Services } from '../services';
import { registerAuthentication } from './auth';
import { RouteTable, registerErrorHandling } from './error-handler';
import { registerSecurityHeaders } from './security-headers';
import type { App } from './types';
import { registerWebApp } from './web-app';

export interface BuildAppOptions {
  /** Serve the built web app too (the `api` and `all` roles do; tests usually need not). */
  serveWebApp?: boolean;
}

/** Builds the HTTP application around a context; `inject()` it in tests, `listen()` it in main. */
export async function buildApp(
  ctx: AppContext,
  options: BuildAppOptions = {},
): Promise<{ app: App; services: Services }> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: ctx.config.maxJsonBodyBytes,
    // Per-request lines only when debugging: at info level they drown what matters.
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes = new RouteTable();
  app.addHook('onRoute', (route) => {
    if (!route.url.includes('*')) routes.add(route.url, route.method);
  });

  const services = createServices(ctx);
  registerErrorHandling(app, routes);
  registerSecurityHeaders(app, ctx.config.storage);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.config.maxAvatarBytes, files: 1, fields: 5 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Tidings API',
        version: '0.1.0',
        description:
          'Authenticate with the session cookie (send x-csrf-token on writes) or with a personal API token as `Authorization: Bearer tid_…`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tidings_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  registerAuthentication(app, services, ctx.config);

  healthRoutes(app, ctx);
  mediaBytesRoutes(app, services);
  sharePageRoutes(app, services, ctx);
  emailPosterRoutes(app, ctx);
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      accountsRoutes(typed, services, ctx.config);
      attentionRoutes(typed, services);
      deliveryRoutes(typed, services);
      emailRoutes(typed, services);
      eventsRoutes(typed, services);
      inboxRoutes(typed, services);
      invitesRoutes(typed, services, ctx.config);
      membersRoutes(typed, services);
      momentsRoutes(typed, services);
      mediaRoutes(typed, services);
      outsidersRoutes(typed, services, ctx.config);
      playbackApiRoutes(typed, services);
      postFilesRoutes(typed, ctx);
      profileRoutes(typed, services);
      searchRoutes(typed, services);
      shareLinksRoutes(typed, services);
      sharePublicRoutes(typed, services, ctx.config);
      spacesRoutes(typed, services);
      speechRoutes(typed, services);
      threadsRoutes(typed, services);
      tokensRoutes(typed, services);
      transcriptsRoutes(typed, services);
      uploadsRoutes(typed, services, ctx);
      viewsRoutes(typed, services);
      typed.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );
  if (options.serveWebApp) await registerWebApp(app, ctx.config.webDistDir);
  return { app, services };
}
