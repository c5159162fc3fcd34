import type { Logger } from 'pino';
import type { AddressedEvent, LiveListener } from './live-events';

/**
 * This process's subscribers, keyed by person, so one event wakes only its recipient's streams
 * (a post to a large space is one row per member, and each would otherwise visit every stream).
 */
export function localFanOut(log: Logger) {
  const byUser = new Map<string, Set<LiveListener>>();
  return {
    add(userId: string, listener: LiveListener): () => void {
      let listeners = byUser.get(userId);
      if (!listeners) {
        listeners = new Set();
        byUser.set(userId, listeners);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && byUser.get(userId) === listeners) byUser.delete(userId);
      };
    },
    emit(event: AddressedEvent): void {
      for (const listener of byUser.get(event.userId) ?? []) {
        try {
          listener(event);
        } catch (error) {
          log.error({ err: error }, 'live event listener failed');
        }
      }
    },
    clear(): void {
      byUser.clear();
    },
  };
}
