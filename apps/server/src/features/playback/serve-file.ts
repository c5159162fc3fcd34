import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { streamFileRange } from './file-stream';
import { decideRange, ifRangeAllows, noneMatch } from './range';

/** One stored file as the range server needs it; local disk and S3 both provide this. */
export interface ServableFile {
  size: number;
  mtimeMs: number;
  contentType: string;
  /** Strong entity tag, quoted. */
  etag: string;
  /** The bytes start..end (inclusive), streamed. */
  open(start: number, end: number): Promise<Readable>;
  /** When the bytes are a local file: its open handle, streamed with reused buffers. */
  handle?: FileHandle;
  /** Frees what opening took (the file handle); called once the response is done. */
  release?(): Promise<void>;
}

/** Bigger reads than the 64 KiB default where a read stream is used (not local files). */
export const READ_CHUNK = 512 * 1024;

/**
 * Answers a GET or HEAD for `file` with Range and conditional-request support. The body is
 * streamed from `file.open`, never buffered; HEAD opens nothing.
 */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: ServableFile,
  cacheControl: string,
): Promise<FastifyReply> {
  try {
    return await respond(request, reply, file, cacheControl);
  } finally {
    await file.release?.();
  }
}

async function respond(
  request: FastifyRequest,
  reply: FastifyReply,
  file: ServableFile,
  cacheControl: string,
): Promise<FastifyReply> {
  const headers = request.headers;
  reply.header('accept-ranges', 'bytes');
  reply.header('etag', file.etag);
  reply.header('last-modified', new Date(file.mtimeMs).toUTCString());
  reply.header('cache-control', cacheControl);
  if (noneMatch(headers['if-none-match'], file.etag)) return reply.status(304).send();

  const rangeHeader = ifRangeAllows(header(headers['if-range']), file.etag, file.mtimeMs)
    ? header(headers.range)
    : undefined;
  const decision = decideRange(rangeHeader, file.size);
  if (decision.kind === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.size}`);
    reply.header('content-type', 'application/json; charset=utf-8');
    return reply.status(416).send({
      error: { code: 'range_not_satisfiable', message: `The file has ${file.size} bytes.` },
    });
  }
  const [start, end] = decision.kind === 'partial' ? [decision.start, decision.end] : [0, file.size - 1];
  const length = file.size === 0 ? 0 : end - start + 1;
  reply.status(decision.kind === 'partial' ? 206 : 200);
  if (decision.kind === 'partial') reply.header('content-range', `bytes ${start}-${end}/${file.size}`);
  reply.header('content-type', file.contentType);
  reply.header('content-length', length);
  if (request.method === 'HEAD' || length === 0) return reply.send();
  if (file.handle) return sendLocal(request, reply, file.handle, start, end);
  return reply.send(await file.open(start, end));
}

/** Writes the head ourselves and the body with streamFileRange (hijacked: no onSend hooks). */
async function sendLocal(
  request: FastifyRequest,
  reply: FastifyReply,
  handle: FileHandle,
  start: number,
  end: number,
): Promise<FastifyReply> {
  const headers = { ...reply.getHeaders(), 'x-content-type-options': 'nosniff' };
  reply.hijack();
  const res = reply.raw;
  res.writeHead(reply.statusCode, headers as Record<string, string>);
  try {
    await streamFileRange(handle, start, end, res);
    res.end();
  } catch (error) {
    if (!res.destroyed) request.log.warn({ err: error }, 'media stream failed');
    res.destroy();
  }
  return reply;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
