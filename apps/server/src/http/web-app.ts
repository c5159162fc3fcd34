import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './types';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Tidings</title>
<h1>The web app is not built yet</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload.</p>`;

/**
 * Serves the built SPA: hashed files under /assets are cached for a year, index.html never, and
 * any other GET that is not an API path gets index.html so client-side routes survive a reload.
 */
export async function registerWebApp(app: App, distDir: string): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  const built = fs.existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      cacheControl: false, // our setHeaders decides caching per file
      setHeaders: (res, filePath) => {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const sendIndex = (reply: import('fastify').FastifyReply) =>
    built
      ? reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false })
      : reply.type('text/html; charset=utf-8').send(NOT_BUILT);

  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  // Client-side routes: anything that is not API, health or a file with an extension.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const urlPath = request.url.split('?')[0] ?? '';
    if (urlPath.startsWith('/api/') || /\.[a-z0-9]+$/i.test(urlPath)) {
      return reply.callNotFound();
    }
    return sendIndex(reply);
  });
}
