import { SmtpRefusal } from '../../adapters/mail-in/smtp-listener';
import type { AppContext } from '../../context';
import { clientKeyOf } from '../../lib/networks';
import { rateLimiter } from '../accounts/rate-limiter';

const FAILURE_WINDOW_MS = 15 * 60_000;
const MESSAGE_WINDOW_MS = 60 * 60_000;

/**
 * Limits kept in the database (rate_limit_hits), so every smtp node shares them: refused
 * recipients per client address — guessing reply tokens must be slow however many nodes the
 * guesser spreads over — and posts per reply address, against mail loops and floods into one
 * thread. Fixed windows, as for sign-in: after the K-th refusal the client gets 450 until its
 * 15 minutes end.
 */
export function recipientLimits(ctx: AppContext, isTrusted: (address: string) => boolean) {
  const { failedRecipientsPer15Min, messagesPerAddressPerHour } = ctx.config.inboundMail.limits;
  const failures = rateLimiter(ctx.db, FAILURE_WINDOW_MS);
  const messages = rateLimiter(ctx.db, MESSAGE_WINDOW_MS);
  const failureKey = (address: string) => `smtp-in:failed-rcpt:${clientKeyOf(address)}`;
  const messageKey = (tokenHash: string) => `smtp-in:posted:${tokenHash}`;

  return {
    /** 450 once the client has had too many recipients refused in this window. */
    async assertMayTryRecipient(remoteAddress: string): Promise<void> {
      if (isTrusted(remoteAddress)) return;
      const count = await failures.count(failureKey(remoteAddress), ctx.now());
      if (count >= failedRecipientsPer15Min) {
        throw new SmtpRefusal(450, '4.7.1 Too many unknown recipients from your address, try again later');
      }
    },

    /** Counts a refused recipient; the refusal that reaches the limit is logged, once. */
    async recipientRefused(remoteAddress: string): Promise<void> {
      if (isTrusted(remoteAddress)) return;
      const now = ctx.now();
      const count = await failures.hit(failureKey(remoteAddress), now);
      if (count === failedRecipientsPer15Min) {
        ctx.log.warn(
          {
            client: clientKeyOf(remoteAddress),
            refused: count,
            blockedForMs: failures.retryAfterMs(now),
          },
          'inbound smtp: too many refused reply addresses, answering 450 until the window ends',
        );
      }
    },

    /** 452 once the reply address has had its posts for this hour; checked at RCPT and before posting. */
    async assertMayReceive(tokenHash: string): Promise<void> {
      const count = await messages.count(messageKey(tokenHash), ctx.now());
      if (count >= messagesPerAddressPerHour) {
        throw new SmtpRefusal(452, '4.5.3 Too many messages to this address, try again later');
      }
    },

    /** Counts a message that became a post (dropped automatic mail and duplicates do not count). */
    async posted(tokenHash: string): Promise<void> {
      await messages.hit(messageKey(tokenHash), ctx.now());
    },
  };
}
