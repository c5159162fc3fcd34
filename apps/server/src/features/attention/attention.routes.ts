import { AttentionQuery, AttentionReport, TeamAttentionReport } from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';

export function attentionRoutes(app: App, { attention }: Services): void {
  const tags = ['attention'];

  app.get(
    '/me/attention',
    {
      schema: {
        tags,
        summary: 'My attention report per ISO week: urgent posts, after-hours notifications, answers in time',
        querystring: AttentionQuery,
        response: { 200: AttentionReport, ...errorResponses },
      },
    },
    async (request) => attention.getMyAttention(requireActor(request), request.query.weeks),
  );

  app.get(
    '/admin/attention',
    {
      schema: {
        tags,
        summary: 'The team attention report: totals per ISO week and per person (admins)',
        querystring: AttentionQuery,
        response: { 200: TeamAttentionReport, ...errorResponses },
      },
    },
    async (request) => attention.getTeamAttention(requireActor(request), request.query.weeks),
  );
}
