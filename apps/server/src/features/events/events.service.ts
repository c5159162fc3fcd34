import type { AddressedEvent } from '../../adapters/pubsub/live-events';
import type { AppContext } from '../../context';
import { AppError } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { eventsRepository } from './events.repository';

/** Open streams one person may hold in one process: enough tabs, bounded if a client leaks them. */
export const MAX_STREAMS_PER_USER = 10;
const BACKLOG_PAGE = 500;

/** Where a stream's events go: the SSE route writes them to the response. */
export interface LiveSink {
  /** An event for the caller; called in increasing id order, never twice for one id. */
  send(event: AddressedEvent): void;
  /** Moves the browser's Last-Event-ID without an event (start position, or skipped backlog). */
  advance(id: number): void;
  /** Ends the stream: the person's sessions were ended (`session.ended`). */
  end(): void;
}

/** Not for the browser: tells open streams to close (see LiveEvent 'session.ended'). */
const endsStream = (event: AddressedEvent) => event.event.type === 'session.ended';

export function eventsService(ctx: AppContext) {
  const openStreams = new Map<string, number>();
  const repo = eventsRepository(ctx.db);

  function reserve(userId: string): () => void {
    const count = openStreams.get(userId) ?? 0;
    if (count >= MAX_STREAMS_PER_USER) {
      throw new AppError(
        429,
        'too_many_streams',
        'Too many live connections are open. Close a tab and try again.',
      );
    }
    openStreams.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (openStreams.get(userId) ?? 1) - 1;
      if (left <= 0) openStreams.delete(userId);
      else openStreams.set(userId, left);
    };
  }

  /** Backlog after `afterId`, page by page, without events for threads the caller cannot see now. */
  async function sendBacklog(actor: Actor, afterId: number, sink: LiveSink): Promise<number> {
    const viewer = { id: actor.user.id, role: actor.user.role };
    let cursor = afterId;
    let delivered = afterId;
    for (;;) {
      const page = await ctx.live.since(viewer.id, cursor, BACKLOG_PAGE);
      // Events without a thread (media.updated) go only to the person they concern.
      const threadIds = [...new Set(page.flatMap((e) => ('threadId' in e.event ? [e.event.threadId] : [])))];
      const visible = await repo.visibleThreadIds(viewer, threadIds);
      for (const event of page) {
        cursor = event.id;
        if ('threadId' in event.event && !visible.has(event.event.threadId)) continue;
        // An old end-of-session must not close a stream opened by a later session.
        if (endsStream(event)) continue;
        sink.send(event);
        delivered = event.id;
      }
      if (page.length < BACKLOG_PAGE) break;
    }
    // Always tell the browser where it stands, so its next reconnect resumes from here.
    if (cursor !== delivered || delivered === afterId) sink.advance(cursor);
    return cursor;
  }

  return {
    /**
     * Starts the caller's live stream: every event for them after `lastEventId` (or from now),
     * in order, then live ones. Subscribes before reading the backlog and buffers meanwhile, so
     * the switch-over has no gap and no duplicate. Returns the function that stops it.
     */
    async openLiveStream(actor: Actor, lastEventId: number | null, sink: LiveSink): Promise<() => void> {
      const userId = actor.user.id;
      const release = reserve(userId);
      let buffer: AddressedEvent[] | null = [];
      let lastSent = 0;
      let unsubscribe: (() => void) | null = null;
      try {
        unsubscribe = await ctx.live.subscribe(userId, (event) => {
          // Published by whichever process ended the sessions; reaches this one live.
          if (endsStream(event)) sink.end();
          else if (buffer) buffer.push(event);
          else if (event.id > lastSent) {
            lastSent = event.id;
            sink.send(event);
          }
        });
        // An id from before a database reset (larger than anything stored) must not hide new events.
        const latest = await ctx.live.latestId(userId);
        const afterId = lastEventId === null ? latest : Math.min(lastEventId, latest);
        lastSent = await sendBacklog(actor, afterId, sink);
        for (const event of buffer) {
          if (event.id <= lastSent) continue;
          lastSent = event.id;
          sink.send(event);
        }
        buffer = null;
      } catch (error) {
        unsubscribe?.();
        release();
        throw error;
      }
      return () => {
        unsubscribe?.();
        release();
      };
    },
  };
}
