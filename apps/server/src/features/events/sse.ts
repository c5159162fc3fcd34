import { PassThrough } from 'node:stream';

/**
 * A Server-Sent Events body. Fastify pipes `stream` to the response; writes are dropped once it
 * has ended. When a client stops reading and more than `maxBufferedBytes` pile up, `onOverflow`
 * fires so the caller can end the stream: the browser reconnects and resumes from its last id.
 */
export function sseStream(onOverflow: () => void, maxBufferedBytes = 1024 * 1024) {
  const stream = new PassThrough();
  const write = (text: string) => {
    if (stream.writableEnded || stream.destroyed) return;
    stream.write(text);
    if (stream.writableLength > maxBufferedBytes) onOverflow();
  };
  return {
    stream,
    /** How long the browser waits before reconnecting. */
    retry: (ms: number) => write(`retry: ${ms}\n\n`),
    event: (id: number, type: string, data: unknown) =>
      write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`),
    /** Sets the browser's Last-Event-ID without dispatching an event (the spec allows no data). */
    id: (id: number) => write(`id: ${id}\n\n`),
    /** A comment line: keeps proxies from closing an idle connection. */
    comment: (text: string) => write(`: ${text}\n\n`),
    end: () => {
      if (!stream.writableEnded) stream.end();
    },
  };
}
