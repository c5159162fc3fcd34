/**
 * The fence around the 'external' role, in one place: the only API routes an outsider's session
 * may use. Everything else answers 404 to them (never 403: they need not learn what exists).
 * Visibility inside these routes is still canSeeThread's, so they reach only their threads.
 *
 * A feature that outsiders should use (a new kind of reply, say) adds its route here.
 */
const ALLOWED: readonly string[] = [
  // Their session, their name, signing out.
  'GET /api/setup',
  'GET /api/auth/session',
  'POST /api/auth/sign-out',
  'GET /api/me',
  'PATCH /api/me',
  'GET /api/outsiders/me',
  // Reading and replying in the threads addressed to them (editing or deleting their own replies).
  'GET /api/threads/:id',
  'POST /api/threads/:id/posts',
  'POST /api/threads/:id/read',
  'PATCH /api/posts/:id',
  'DELETE /api/posts/:id',
  'POST /api/posts/:id/answer',
  'GET /api/users/:id/avatar',
  // Files attached to posts (a PDF that came by email).
  'GET /api/posts/:postId/files/:fileId',
  // Recording a reply: start, upload (tus), stop, recover, delete their own, limits.
  'POST /api/media',
  'GET /api/media/:id',
  'POST /api/media/:id/stop',
  'DELETE /api/media/:id',
  'GET /api/me/media',
  'GET /api/workspace/settings',
  'POST /api/uploads',
  'PATCH /api/uploads/:id',
  'HEAD /api/uploads/:id',
  'OPTIONS /api/uploads',
  'OPTIONS /api/uploads/:id',
  // Watching and listening.
  'GET /api/media/:id/playback',
  'PUT /api/media/:id/position',
  'GET /api/media/:id/transcript',
  'GET /api/media/:id/captions.vtt',
  // Comments and reactions on the moment; what they watched (and, of their own recordings, who).
  'GET /api/media/:id/moments',
  'POST /api/media/:id/reactions',
  'DELETE /api/media/:id/reactions/:reactionId',
  'POST /api/media/:id/views',
  'GET /api/media/:id/views',
  // Live updates.
  'GET /api/events',
  // Share links are open to anyone holding one, so an outsider's session must not hide them.
  'GET /api/s/:token',
  'POST /api/s/:token/unlock',
  'POST /api/s/:token/comments',
  'POST /api/s/:token/views',
  'GET /api/s/:token/media/:mediaId/captions.vtt',
];
const allowed = new Set(ALLOWED);

/** Whether an outsider may call the route declared as `routeUrl` (Fastify's pattern) with `method`. */
export function externalMayUse(method: string, routeUrl: string | undefined): boolean {
  if (!routeUrl) return false;
  return allowed.has(`${method.toUpperCase()} ${routeUrl}`);
}

export const EXTERNAL_ROUTES = ALLOWED;
