import { Id } from '@tidings/contracts';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { requireActor } from '../../http/auth';
import type { App } from '../../http/types';
import { postFilesService } from './post-files.service';

/** RFC 6266: a plain ASCII fallback and the exact name in UTF-8. */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function postFilesRoutes(app: App, ctx: AppContext): void {
  const files = postFilesService(ctx);
  app.get(
    '/posts/:postId/files/:fileId',
    {
      schema: {
        tags: ['threads'],
        summary: 'Download a file attached to a post (people who can see the thread)',
        params: z.object({ postId: Id, fileId: Id }),
      },
    },
    async (request, reply) => {
      const file = await files.download(requireActor(request), request.params.postId, request.params.fileId);
      // Always a download, never rendered here: an emailed HTML or SVG file must not run as our origin.
      return reply
        .type(file.mimeType)
        .header('content-length', file.size)
        .header('content-disposition', attachmentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
}
