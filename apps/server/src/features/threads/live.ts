import type { LiveNotice } from '../../adapters/pubsub/live-events';
import type { AppContext } from '../../context';

export type Notice = LiveNotice;

/**
 * Publishes live notices once the transaction has committed, all in one write. A failure to
 * notify must not turn a saved post into an error for its author: browsers refetch on reconnect.
 */
export async function publishAll(ctx: AppContext, notices: Notice[]): Promise<void> {
  try {
    await ctx.live.publishAll(notices);
  } catch (error) {
    ctx.log.warn({ err: error, events: notices.map((n) => n.event.type) }, 'live event not published');
  }
}
