// The smtp-inbound benchmark's reference: a bare smtp-server that accepts every message and
// discards it (same options as Tidings' listener: no AUTH, no STARTTLS, SIZE advertised).
// Run as a child process; prints "ready <port>" on IPC once listening.
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  maxClients: 200,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => callback(null, 'OK: discarded'));
  },
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
