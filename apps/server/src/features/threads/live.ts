import type { LiveEvent } from '@tidings/contracts';
import type { AppContext } from '../../context';

export interface Notice {
  userIds: string[];
  event: LiveEvent;
}

/**
 * Publishes live notices once the transaction has committed. A failure to notify must not turn a
 * saved post into an error for its author: browsers refetch on reconnect anyway.
 */
export async function publishAll(ctx: AppContext, notices: Notice[]): Promise<void> {
  for (const { userIds, event } of notices) {
    try {
      await ctx.live.publish(userIds, event);
    } catch (error) {
      ctx.log.warn({ err: error, event }, 'live event not published');
    }
  }
}
