import { SearchQuery, SearchResults } from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function searchRoutes(app: App, { search }: Services): void {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search over the subjects and posts you can see',
        querystring: SearchQuery,
        response: { 200: SearchResults, ...errorResponses },
      },
    },
    async (request) => ({ hits: await search.search(requireActor(request), request.query) }),
  );
}
