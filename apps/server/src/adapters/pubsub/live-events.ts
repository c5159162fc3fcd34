import type { LiveEvent } from '@tidings/contracts';

/** One event as delivered to one person: the stored row's id is the SSE event id. */
export interface AddressedEvent {
  /** Increases in commit order (per database), used for Last-Event-ID resume. */
  id: number;
  userId: string;
  event: LiveEvent;
}

export type LiveListener = (event: AddressedEvent) => void;

/** One event and the people it is for. */
export interface LiveNotice {
  userIds: string[];
  event: LiveEvent;
}

/**
 * Live updates: use cases publish what changed and for whom; the SSE route subscribes.
 * Every event is stored (live_events, one row per recipient) so reconnecting browsers catch up,
 * then fanned out: in-process on SQLite, PostgreSQL LISTEN/NOTIFY across processes.
 */
export interface LiveEvents {
  /**
   * Records the event for each person and fans it out. Call it after your transaction commits
   * (on SQLite the connection is busy until then). Never throws: live updates are hints, so a
   * failure is logged rather than failing the use case that already succeeded.
   */
  publish(userIds: string[], event: LiveEvent): Promise<void>;
  /**
   * `publish` for several events at once, in order: one transaction and one INSERT, because on
   * SQLite each commit is a WAL write a person posting waits for.
   */
  publishAll(notices: LiveNotice[]): Promise<void>;
  /**
   * Calls `listener` with every event for `userId` published from now on, in any process, in id
   * order. Resolves once delivery is live (so reading the backlog afterwards leaves no gap);
   * resolves to the unsubscribe function.
   */
  subscribe(userId: string, listener: LiveListener): Promise<() => void>;
  /** Events for `userId` after `afterId`, oldest first, at most `limit`. */
  since(userId: string, afterId: number, limit?: number): Promise<AddressedEvent[]>;
  /** The id of the newest event for `userId`, 0 if none: where a fresh stream starts. */
  latestId(userId: string): Promise<number>;
  /** Deletes events created before `time` (epoch ms); returns how many. */
  pruneBefore(time: number): Promise<number>;
  /** Stops listening and drops subscribers; safe to call twice. */
  close(): Promise<void>;
}
