import { EventStreamQuery } from '@tidings/contracts';
import { z } from 'zod';
import { requireActor } from '../../http/auth';
import { errorResponses } from '../../http/responses';
import type { App } from '../../http/types';
import type { Services } from '../../services';
import { sseStream } from './sse';

const RETRY_MS = 3000;
const HEARTBEAT_MS = 25_000;
// Streams end after a while and the browser reconnects (resuming by id): a signed-out session
// or a changed role then takes effect on live streams too.
const MAX_STREAM_MS = 15 * 60 * 1000;

export function eventsRoutes(app: App, { events }: Services): void {
  const openStreams = new Set<() => void>();
  // Open streams never finish on their own: end them, or closing the server would wait forever.
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });

  app.get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Live updates (Server-Sent Events)',
        description: [
          'A `text/event-stream` of small notices for the caller (`post.created`, `post.updated`,',
          '`post.deleted`, `thread.updated`, `receipt`, `inbox.changed`); each has an increasing',
          '`id` and JSON `data` naming the thread (and post). Refetch what changed. Reconnect with',
          'the `Last-Event-ID` header (or `?lastEventId=`) to receive what was missed, in order.',
          'A comment line is sent every 25 s. At most 10 open streams per person (429 beyond).',
        ].join(' '),
        querystring: EventStreamQuery,
        produces: ['text/event-stream', 'application/json'],
        response: {
          200: z.string().describe('text/event-stream: `retry`, then `id`/`event`/`data` blocks'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const lastEventId = parseEventId(request.headers['last-event-id']) ?? request.query.lastEventId ?? null;
      let stop: (() => void) | null = null;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        openStreams.delete(end);
        stop?.();
        sse.end();
      };
      const sse = sseStream(end);
      const heartbeat = setInterval(() => sse.comment('keep-alive'), HEARTBEAT_MS);
      const lifetime = setTimeout(end, MAX_STREAM_MS);
      // The client went away (or the server is closing): release the subscription at once.
      reply.raw.once('close', end);
      openStreams.add(end);
      sse.retry(RETRY_MS);
      try {
        const opened = await events.openLiveStream(actor, lastEventId, {
          send: (e) => sse.event(e.id, e.event.type, e.event),
          advance: (id) => sse.id(id),
          end: () => end(),
        });
        // Ended while the backlog was read (client gone, server closing): stop right away.
        if (ended) opened();
        else stop = opened;
      } catch (error) {
        end();
        throw error;
      }
      return (
        reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('x-accel-buffering', 'no')
          // A stream's connection is not reused: when it ends (server closing, lifetime) the socket
          // goes too, instead of idling in keep-alive and holding up a graceful shutdown.
          .header('connection', 'close')
          // Fastify pipes a stream as it is; the 200 schema above only documents it.
          .send(sse.stream as unknown as string)
      );
    },
  );
}

function parseEventId(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : null;
}
