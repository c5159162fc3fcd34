import path from 'node:path';
import type { Config } from '../../config';
import type { MailTransport } from './mail-transport';
import { outboxTransport } from './outbox-transport';
import { smtpTransport } from './smtp-transport';

/** SMTP when SMTP_HOST is set; otherwise `.eml` files in `<DATA_DIR>/outbox/`. */
export function createMailTransport(config: Config, now: () => number = Date.now): MailTransport {
  if (config.smtp)
    return smtpTransport(config.smtp, { from: config.mailFrom, timeoutMs: config.smtpTimeoutMs, now });
  return outboxTransport(outboxDir(config), { from: config.mailFrom, now });
}

export function outboxDir(config: Config): string {
  return path.join(config.dataDir, 'outbox');
}
