import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { StartedSession } from '../features/accounts/accounts.service';
import type { Actor } from '../features/accounts/actor';
import { externalMayUse } from '../features/outsiders/outsiders.policy';
import { AppError, notFound, unauthenticated } from '../lib/errors';
import type { Services } from '../services';
import type { App } from './types';

export const SESSION_COOKIE = 'tidings_session';
export const CSRF_HEADER = 'x-csrf-token';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller on every /api request: a personal API token (Authorization: Bearer) or
 * the session cookie. Cookie-authenticated writes must carry the session's CSRF token; writes
 * without a session (sign-in, setup, invite accept) must come from our own origin.
 */
export function registerAuthentication(app: App, services: Services, config: Config): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.actor = await resolveActor(request, services);
    // Outsiders reach only the few routes their thread needs; the rest does not exist for them.
    if (
      request.actor?.user.role === 'external' &&
      !externalMayUse(request.method, request.routeOptions.url)
    ) {
      throw notFound();
    }
    if (!MUTATING.has(request.method)) return;
    // Signed links (email unsubscribe) carry their own proof; a session cookie riding along on a
    // form post from the confirmation page must not make them fail for want of a CSRF header.
    if ((request.routeOptions.config as { signedLink?: boolean } | undefined)?.signedLink) return;
    if (request.actor?.via === 'session') {
      if (!sameSecret(request.headers[CSRF_HEADER], request.actor.csrfToken)) {
        throw new AppError(
          403,
          'csrf_token_invalid',
          'This request is missing its CSRF token. Reload the page and try again.',
        );
      }
    } else if (!request.actor && !isSameOrigin(request, config)) {
      throw new AppError(403, 'csrf_origin_invalid', 'Cross-site requests are not allowed.');
    }
  });
}

/** The caller of any request (API token or session cookie); the media routes use it too. */
export async function resolveActor(request: FastifyRequest, services: Services): Promise<Actor | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const actor = await services.tokens.authenticateToken(authorization.slice('Bearer '.length).trim());
    // A bad token is an error, not a silent fall-back to the cookie: scripts should learn at once.
    if (!actor)
      throw new AppError(
        401,
        'invalid_token',
        'That API token is not valid. Create a new one in Settings → API tokens.',
      );
    return actor;
  }
  const token = request.cookies[SESSION_COOKIE];
  const actor = token ? await services.accounts.authenticateSession(token) : null;
  // An outsider's session lasts only while one of their private links does (revoked or idle: 401).
  if (actor?.user.role === 'external' && !(await services.outsiders.stillWelcome(actor))) return null;
  return actor;
}

function sameSecret(given: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Browsers always send Origin on cross-site POSTs; tools like curl send none, which is fine. */
function isSameOrigin(request: FastifyRequest, config: Config): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (origin === new URL(config.publicUrl).origin) return true;
  const host = request.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, started: StartedSession, config: Config): void {
  reply.setCookie(SESSION_COOKIE, started.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: Math.floor(config.sessionTtlMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
