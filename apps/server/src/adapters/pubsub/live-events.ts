import type { LiveEvent } from '@tidings/contracts';

/** One event for a set of people, as it travels between processes and to browsers. */
export interface AddressedEvent {
  /** Increasing id, used as the SSE event id and for Last-Event-ID resume. */
  id: number;
  userIds: string[];
  event: LiveEvent;
}

/**
 * Live updates: use cases publish what changed and for whom; the SSE route subscribes.
 * Implementations: in-process (one server) and PostgreSQL LISTEN/NOTIFY (several servers).
 */
export interface LiveEvents {
  /** Records the event (so reconnecting browsers can catch up) and fans it out. */
  publish(userIds: string[], event: LiveEvent): Promise<void>;
  /** Calls `listener` with every event published from now on, in any process; returns unsubscribe. */
  subscribe(listener: (event: AddressedEvent) => void): () => void;
  /** Events for `userId` after `afterId`, oldest first, for Last-Event-ID resume. */
  since(userId: string, afterId: number): Promise<AddressedEvent[]>;
  close(): Promise<void>;
}
