import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A refusal the sending server sees as an SMTP reply (550, 552…); nothing is stored. */
export class SmtpRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ReceivedMessage {
  raw: Buffer;
  /** Envelope MAIL FROM, lower-cased; '' for the null sender `<>`. */
  envelopeFrom: string;
  recipients: string[];
  /** When the last byte of DATA arrived (performance.now()), for timing. */
  receivedAt: number;
}

/** What the listener asks of the application; throwing SmtpRefusal refuses. */
export interface InboundMailHandler {
  /**
   * Called before the greeting, with the client's IP address; throwing refuses the connection
   * (e.g. 421). Returns what to call when that connection closes.
   */
  acceptConnection(remoteAddress: string): () => void;
  /** Called at RCPT TO, before any byte of the message is sent. */
  acceptRecipient(address: string, envelopeFrom: string, remoteAddress: string): Promise<void>;
  /** Resolves once the message is safely stored: only then does the sender get 250. */
  receive(message: ReceivedMessage): Promise<void>;
}

export interface SmtpListenerOptions {
  port: number;
  host: string;
  maxBytes: number;
  /** The name in the greeting and EHLO answer. */
  serverName: string;
  log: Logger;
  handler: InboundMailHandler;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const envelopeFromOf = (session: SMTPServerSession) => {
  const from = session.envelope.mailFrom;
  return from ? from.address.toLowerCase() : '';
};

const asSmtpError = (error: unknown, log: Logger): Error & { responseCode: number } => {
  if (error instanceof SmtpRefusal)
    return Object.assign(new Error(error.message), { responseCode: error.responseCode });
  // Our own trouble (database down): a temporary failure, so the sender retries later.
  log.error({ err: error }, 'inbound mail failed');
  return Object.assign(new Error('4.3.0 Temporary failure, try again later'), { responseCode: 451 });
};

/**
 * An MX for replies: no AUTH (mail arrives from other people's servers), SIZE advertised and
 * enforced both on the declared size and on the bytes actually sent, one recipient per message.
 * STARTTLS is off: there is no certificate setting; put a TLS-terminating proxy in front if needed.
 */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { handler, log, maxBytes } = options;
  const releases = new Map<string, () => void>();
  const server = new SMTPServer({
    name: options.serverName,
    banner: 'Tidings reply-by-email',
    size: maxBytes,
    rejectOversized: true,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    // No PTR lookup: the name is not used, and a flood should not cost a DNS query per connection.
    disableReverseLookup: true,
    onConnect(session, callback) {
      try {
        releases.set(session.id, handler.acceptConnection(session.remoteAddress));
        callback();
      } catch (error) {
        callback(asSmtpError(error, log));
      }
    },
    onClose(session) {
      releases.get(session.id)?.();
      releases.delete(session.id);
    },
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length > 0) {
        callback(
          Object.assign(new Error('4.5.3 One reply address per message, please'), { responseCode: 452 }),
        );
        return;
      }
      handler.acceptRecipient(address.address, envelopeFromOf(session), session.remoteAddress).then(
        () => callback(),
        (error: unknown) => callback(asSmtpError(error, log)),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Keep counting but stop keeping bytes past the limit; the answer will be 552.
        if (bytes <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(asSmtpError(error, log)));
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > maxBytes) {
          callback(
            Object.assign(new Error(`5.3.4 Message larger than ${maxBytes} bytes`), { responseCode: 552 }),
          );
          return;
        }
        const message: ReceivedMessage = {
          raw: Buffer.concat(chunks, bytes),
          envelopeFrom: envelopeFromOf(session),
          recipients: session.envelope.rcptTo.map((r) => r.address),
          receivedAt: performance.now(),
        };
        handler.receive(message).then(
          () => callback(null, '2.0.0 OK: received'),
          (error: unknown) => callback(asSmtpError(error, log)),
        );
      });
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'smtp connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    // Stops accepting connections; smtp-server waits for open sessions, then ends them.
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
