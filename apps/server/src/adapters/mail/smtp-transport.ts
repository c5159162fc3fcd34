import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../config';
import { composeMessage, envelopeAddress } from './compose';
import type { MailFailure, MailTransport, OutgoingMail } from './mail-transport';

export interface SmtpTransportOptions {
  from: string;
  /** Connect, greeting and idle-socket limit, so a server that hangs makes `send` reject. */
  timeoutMs: number;
  now?: () => number;
}

export interface SmtpMailTransport extends MailTransport {
  readonly kind: 'smtp';
  lastError(): MailFailure | null;
}

/**
 * Sends through an SMTP server with nodemailer. No pooling: each send opens its own connection,
 * so one stuck conversation never blocks the next and a failed send simply rejects (the delivery
 * job retries with backoff).
 */
export function smtpTransport(smtp: SmtpConfig, options: SmtpTransportOptions): SmtpMailTransport {
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    dnsTimeout: options.timeoutMs,
  });
  let failure: MailFailure | null = null;
  return {
    kind: 'smtp',
    async send(mail: OutgoingMail) {
      const raw = await composeMessage(mail, options.from);
      try {
        await transporter.sendMail({
          envelope: { from: envelopeAddress(options.from), to: [mail.to] },
          raw,
        });
        failure = null;
      } catch (error) {
        const message = describeSmtpError(error, smtp);
        failure = { at: (options.now ?? Date.now)(), message };
        throw new Error(message, { cause: error });
      }
    },
    lastError: () => failure,
    async close() {
      transporter.close();
    },
  };
}

function describeSmtpError(error: unknown, smtp: SmtpConfig): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const where = `SMTP server ${smtp.host}:${smtp.port}`;
  if (e.code === 'ETIMEDOUT') return `${where} did not answer in time (${e.message ?? 'timeout'})`;
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') return `${where} could not be reached: ${e.message}`;
  if (e.code === 'EAUTH')
    return `${where} refused the credentials (SMTP_USER/SMTP_PASSWORD): ${e.response ?? e.message}`;
  if (e.responseCode) return `${where} refused the message: ${e.response ?? e.message}`;
  return `${where}: ${e.message ?? String(error)}`;
}
