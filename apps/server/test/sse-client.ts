import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../src/http/types';

/** One parsed block of a Server-Sent Events stream. */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

export interface SseConnection {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body when the server answered with something other than a stream. */
  text?: string;
  messages: SseMessage[];
  /** Messages that carry an event (id + event + data). */
  events(): { id: number; type: string; data: unknown }[];
  /** True once the server has ended the stream. */
  ended(): boolean;
  /** Polls until `check` holds, at most `ms`; fails with what was received. */
  waitFor(check: (c: SseConnection) => boolean, ms?: number): Promise<void>;
  close(): void;
}

/** Makes the app listen on 127.0.0.1 on a free port (SSE streams never end, so no inject). */
export async function listen(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Opens a stream and parses it as it arrives. Uses node:http with no agent, so each stream has
 * its own connection and closing it closes the socket (fetch's pool may hold spare ones).
 */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(
      url,
      { agent: false, headers: { accept: 'text/event-stream', ...headers } },
      resolve,
    );
    req.on('error', reject);
  });
  const messages: SseMessage[] = [];
  let done = false;
  const connection: SseConnection = {
    status: response.statusCode ?? 0,
    headers: response.headers,
    messages,
    events: () =>
      messages
        .filter((m) => m.event !== undefined && m.data !== undefined)
        .map((m) => ({ id: Number(m.id), type: m.event as string, data: JSON.parse(m.data as string) })),
    ended: () => done,
    async waitFor(check, ms = 5000) {
      await waitUntil(() => check(connection), ms, `stream messages; got ${JSON.stringify(messages)}`);
    },
    close: () => response.destroy(),
  };
  response.setEncoding('utf8');
  if (!String(response.headers['content-type']).startsWith('text/event-stream')) {
    let text = '';
    for await (const chunk of response) text += chunk;
    connection.text = text;
    done = true;
    return connection;
  }
  let pending = '';
  response.on('data', (chunk: string) => {
    pending += chunk;
    let end = pending.indexOf('\n\n');
    while (end >= 0) {
      messages.push(parseBlock(pending.slice(0, end)));
      pending = pending.slice(end + 2);
      end = pending.indexOf('\n\n');
    }
  });
  response.on('close', () => {
    done = true;
  });
  response.on('error', () => {
    done = true;
  });
  return connection;
}

function parseBlock(block: string): SseMessage {
  const message: SseMessage = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      message.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id' || field === 'event' || field === 'data' || field === 'retry') message[field] = value;
  }
  return message;
}
