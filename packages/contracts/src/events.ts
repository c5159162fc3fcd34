import { z } from 'zod';
import { Id } from './common';

/**
 * What the live stream (GET /api/events, Server-Sent Events) tells a browser. Events are small
 * notices; the browser refetches what changed. Each has an increasing id for Last-Event-ID.
 */
export const LiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('post.created'), threadId: Id, postId: Id }),
  z.object({ type: z.literal('post.updated'), threadId: Id, postId: Id }),
  z.object({ type: z.literal('post.deleted'), threadId: Id, postId: Id }),
  z.object({ type: z.literal('thread.updated'), threadId: Id }),
  z.object({ type: z.literal('receipt'), threadId: Id, postId: Id }),
  z.object({ type: z.literal('inbox.changed'), threadId: Id }),
  /** A recording's status, progress or uploaded bytes changed (sent to its owner). */
  z.object({ type: z.literal('media.updated'), mediaId: Id }),
  /** Comments or reactions on a recording changed (sent to those who can see its thread). */
  z.object({ type: z.literal('moments.changed'), threadId: Id, mediaId: Id }),
  /**
   * The person's sessions were ended (an outsider revoked, or turned member): their open streams
   * close at once, in every process. Never replayed from the backlog.
   */
  z.object({ type: z.literal('session.ended') }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;

/**
 * GET /api/events query. Browsers resume with the Last-Event-ID header; `lastEventId` is for
 * EventSource polyfills that cannot set it.
 */
export const EventStreamQuery = z.object({
  lastEventId: z.coerce.number().int().min(0).optional(),
});
export type EventStreamQuery = z.infer<typeof EventStreamQuery>;
