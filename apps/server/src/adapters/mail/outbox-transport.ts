import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { composeMessage } from './compose';
import type { MailFailure, MailTransport, OutgoingMail } from './mail-transport';

export interface OutboxTransport extends MailTransport {
  readonly kind: 'outbox';
  readonly dir: string;
}

/**
 * The embedded default: each message becomes `<dir>/<id>.eml`. The id is derived from the
 * Message-ID, and the file is written to a temporary name and renamed into place, so sending the
 * same message twice (a retried job) leaves exactly one complete file.
 */
export function outboxTransport(dir: string, options: { from: string; now?: () => number }): OutboxTransport {
  let failure: MailFailure | null = null;
  return {
    kind: 'outbox',
    dir,
    async send(mail: OutgoingMail) {
      const raw = await composeMessage(mail, options.from);
      try {
        await fs.mkdir(dir, { recursive: true });
        const target = path.join(dir, `${outboxId(mail.messageId)}.eml`);
        const temp = path.join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
        await fs.writeFile(temp, raw);
        await fs.rename(temp, target);
        failure = null;
      } catch (error) {
        failure = { at: (options.now ?? Date.now)(), message: `Could not write to ${dir}: ${String(error)}` };
        throw error;
      }
    },
    lastError: () => failure,
    async close() {},
  };
}

/** A file-name-safe, stable id for a Message-ID: 32 hex characters of its SHA-256. */
export function outboxId(messageId: string): string {
  return createHash('sha256').update(messageId.trim()).digest('hex').slice(0, 32);
}

export const OUTBOX_ID_PATTERN = /^[0-9a-f]{32}$/;
