import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decideRange, ifRangeAllows, noneMatch } from './range';

/** One stored file as the range server needs it; local disk and S3 both provide this. */
export interface ServableFile {
  size: number;
  mtimeMs: number;
  contentType: string;
  /** Strong entity tag, quoted. */
  etag: string;
  /** The bytes start..end (inclusive), streamed. */
  open(start: number, end: number): Readable;
}

/** Bigger reads than the 64 KiB default: fewer syscalls and event-loop turns per megabyte. */
const READ_CHUNK = 512 * 1024;

/** A strong ETag from what identifies this version of the bytes: key, size, modification time. */
export function strongEtag(key: string, size: number, mtimeMs: number): string {
  const hash = createHash('sha256').update(`${key}\n${size}\n${Math.floor(mtimeMs)}`).digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** A file on local disk, or null when it is not there. */
export async function localFile(file: string, key: string, contentType: string): Promise<ServableFile | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return null;
    return {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      contentType,
      etag: strongEtag(key, stat.size, stat.mtimeMs),
      open: (start, end) => createReadStream(file, { start, end, highWaterMark: READ_CHUNK }),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Answers a GET or HEAD for `file` with Range and conditional-request support. The body is
 * streamed from `file.open`, never buffered; HEAD opens nothing.
 */
export function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: ServableFile,
  cacheControl: string,
): FastifyReply {
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
  return reply.send(file.open(start, end));
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
