/** One email, ready to go: rendered parts and threading headers. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Our own Message-ID (`<…@host>`), so retries are recognisable and replies can thread. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** Where replies go: a reply+<token> address that posts them into the thread. */
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
  /** The Date header, epoch ms; default: now. Set it so a retried message is byte-identical. */
  date?: number;
}

/**
 * Where outgoing email goes: an SMTP server (nodemailer), or — the embedded default when no SMTP
 * is configured — `.eml` files in `<DATA_DIR>/outbox/` that admins can read in the app.
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
  /** The most recent failed send since the last success, if any (shown to admins). */
  lastError?(): MailFailure | null;
}

export interface MailFailure {
  at: number;
  message: string;
}
