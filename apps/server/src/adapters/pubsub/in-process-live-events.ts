import { EventEmitter } from 'node:events';
import type { LiveEvent } from '@tidings/contracts';
import type { AddressedEvent, LiveEvents } from './live-events';

/**
 * Live events inside one process, with a bounded in-memory backlog for Last-Event-ID resume.
 * Enough for a single server; several servers need the database-backed implementation.
 */
export function inProcessLiveEvents(backlogSize = 10_000): LiveEvents {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const backlog: AddressedEvent[] = [];
  let nextId = Date.now();
  return {
    async publish(userIds: string[], event: LiveEvent) {
      if (userIds.length === 0) return;
      const addressed = { id: nextId++, userIds: [...new Set(userIds)], event };
      backlog.push(addressed);
      if (backlog.length > backlogSize) backlog.shift();
      emitter.emit('event', addressed);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async since(userId, afterId) {
      return backlog.filter((e) => e.id > afterId && e.userIds.includes(userId));
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
