import type { Logger } from 'pino';
import { SmtpRefusal } from '../../adapters/mail-in/smtp-listener';
import { clientKeyOf } from '../../lib/networks';

const MINUTE_MS = 60_000;

export interface ConnectionLimitOptions {
  perIp: number;
  perMinute: number;
  isTrusted: (address: string) => boolean;
  now: () => number;
  log: Logger;
}

const tooMany = () => new SmtpRefusal(421, '4.7.0 Too many connections from your address, try again later');

/**
 * Connections per client address, open at once and opened per minute, counted in memory in each
 * listener process. That is enough here, unlike failed recipients: a connection lives in one
 * process and costs that process (a socket, a parser), so each process guarding itself is what
 * matters; a database write per connection would hand the flood a database round-trip each.
 * With several smtp nodes a client may hold N connections on each, which still bounds it.
 * The minute is a fixed window: all counts start over at each minute boundary, which also
 * keeps the maps small (only this minute's clients).
 */
export function connectionLimits(options: ConnectionLimitOptions) {
  const { perIp, perMinute, isTrusted, now, log } = options;
  const open = new Map<string, number>();
  let minute = Math.floor(now() / MINUTE_MS);
  let openedThisMinute = new Map<string, number>();
  let loggedThisMinute = new Set<string>();

  const refuse = (key: string, reason: string) => {
    if (!loggedThisMinute.has(key)) {
      loggedThisMinute.add(key);
      log.warn({ client: key, reason }, 'inbound smtp: too many connections, refusing with 421');
    }
    return tooMany();
  };

  return {
    /** Admits a connection, or throws a 421 refusal; call the returned function when it closes. */
    admit(remoteAddress: string): () => void {
      if (isTrusted(remoteAddress)) return () => {};
      const current = Math.floor(now() / MINUTE_MS);
      if (current !== minute) {
        minute = current;
        openedThisMinute = new Map();
        loggedThisMinute = new Set();
      }
      const key = clientKeyOf(remoteAddress);
      // Refused attempts count too: a client that keeps hammering stays refused for the minute.
      const opened = (openedThisMinute.get(key) ?? 0) + 1;
      openedThisMinute.set(key, opened);
      if (opened > perMinute) throw refuse(key, 'per minute');
      const openNow = open.get(key) ?? 0;
      if (openNow >= perIp) throw refuse(key, 'at once');
      open.set(key, openNow + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
    },
    /** Connections open now per client (for tests and diagnostics). */
    openConnections: () => new Map(open),
  };
}
export type ConnectionLimits = ReturnType<typeof connectionLimits>;
