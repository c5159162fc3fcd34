import { InboxCounts, InboxPage, InboxQuery, Ok, SnoozeRequest, ThreadIdParams } from '@tidings/contracts';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import type { Actor } from '../accounts/actor';

type ItemAction = 'done' | 'undone' | 'read' | 'unread' | 'unsnooze';

export function inboxRoutes(app: App, { inbox }: Services): void {
  const tags = ['inbox'];

  app.get(
    '/inbox',
    {
      schema: {
        tags,
        summary: 'One page of a section of your inbox',
        querystring: InboxQuery,
        response: { 200: InboxPage, ...errorResponses },
      },
    },
    async (request) => inbox.listInbox(requireActor(request), request.query),
  );

  app.get(
    '/inbox/counts',
    {
      schema: {
        tags,
        summary: 'Counts for the sidebar (items neither done nor snoozed)',
        response: { 200: InboxCounts, ...errorResponses },
      },
    },
    async (request) => inbox.inboxCounts(requireActor(request)),
  );

  const actions: Record<ItemAction, [string, (actor: Actor, threadId: string) => Promise<void>]> = {
    done: ['Mark done', inbox.markDone],
    undone: ['Mark not done', inbox.markNotDone],
    read: ['Mark read (inbox only; receipts are POST /threads/:id/read)', inbox.markRead],
    unread: ['Mark unread', inbox.markUnread],
    unsnooze: ['Bring a snoozed item back now', inbox.unsnooze],
  };
  for (const [action, [summary, run]] of Object.entries(actions)) {
    app.post(
      `/inbox/:threadId/${action}`,
      { schema: { tags, summary, params: ThreadIdParams, response: { 200: Ok, ...errorResponses } } },
      async (request) => {
        await run(requireActor(request), request.params.threadId);
        return { ok: true as const };
      },
    );
  }

  app.post(
    '/inbox/:threadId/snooze',
    {
      schema: {
        tags,
        summary: 'Hide an item until a time; it comes back on its own',
        params: ThreadIdParams,
        body: SnoozeRequest,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await inbox.snooze(requireActor(request), request.params.threadId, request.body.until);
      return { ok: true as const };
    },
  );
}
