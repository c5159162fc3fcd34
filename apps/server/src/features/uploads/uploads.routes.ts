import { NodeRequest, sendNodeResponse } from 'srvx/node';
import type { AppContext } from '../../context';
import { requireActor } from '../../http/auth';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import { createTusServer, setUploader, UPLOADS_PATH } from './tus-server';

const TUS_METHODS = ['POST', 'PATCH', 'HEAD', 'OPTIONS'] as const;

/**
 * Resumable uploads (tus 1.0: creation, creation-defer-length, creation-with-upload) at
 * /api/uploads. Fastify authenticates (cookie + CSRF header, or Bearer token) and leaves the body
 * unread; the tus server streams it to the upload staging (disk or bucket), so memory stays flat
 * whatever the size.
 */
export function uploadsRoutes(app: App, { media }: Services, ctx: AppContext): void {
  const tus = createTusServer(ctx, media);

  app.register(async (scope) => {
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) =>
      done(null, undefined),
    );
    for (const url of ['/uploads', '/uploads/:id']) {
      scope.route({
        method: [...TUS_METHODS],
        url,
        schema: { hide: true },
        handler: async (request, reply) => {
          const id = (request.params as { id?: string }).id;
          if (request.method !== 'OPTIONS') {
            const actor = requireActor(request);
            // A finished upload has left the staging area; tell a client that missed the last
            // answer that every byte is here.
            if (request.method === 'HEAD' && id) {
              const done = await media.finishedUploadSize(actor, id);
              if (done !== null) {
                return reply
                  .headers({
                    'tus-resumable': '1.0.0',
                    'upload-offset': String(done),
                    'upload-length': String(done),
                    'cache-control': 'no-store',
                  })
                  .status(200)
                  .send();
              }
            }
            setUploader(request.raw, actor);
          }
          reply.hijack();
          const response = await tus.server.handleWeb(new NodeRequest({ req: request.raw, res: reply.raw }));
          // Keep media.upload_offset (what the share page shows) in step before answering.
          const offset = response.headers.get('upload-offset');
          const target = id ?? response.headers.get('location')?.split('/').pop();
          if (request.method !== 'HEAD' && offset !== null && target) {
            await media.recordOffset(target, Number(offset)).catch((err) => {
              request.log.warn({ err, mediaId: target }, 'upload offset not recorded');
            });
          }
          await sendNodeResponse(reply.raw, response);
        },
      });
    }
  });
}

export { UPLOADS_PATH };
