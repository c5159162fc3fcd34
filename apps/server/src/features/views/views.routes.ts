import { IdParams, MediaViews, ViewReport, ViewReportResult } from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function viewsRoutes(app: App, { views }: Services): void {
  const tags = ['views'];

  app.post(
    '/media/:id/views',
    {
      schema: {
        tags,
        summary: 'Report the parts of a recording played since the last report (merged on the server)',
        params: IdParams,
        body: ViewReport,
        response: { 200: ViewReportResult, ...errorResponses },
      },
    },
    async (request) => views.reportWatch(requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/media/:id/views',
    {
      schema: {
        tags,
        summary: "Who among the thread's people watched, and which parts (the recording's author only)",
        params: IdParams,
        response: { 200: MediaViews, ...errorResponses },
      },
    },
    async (request) => views.listViews(requireActor(request), request.params.id),
  );
}
