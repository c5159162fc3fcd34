import type { SessionInfo } from '@tidings/contracts';
import { queryClient, sessionKey } from '../api/queryClient';

/**
 * The few tus 1.0 requests this app needs, on plain fetch (see README.md for why not
 * tus-js-client: the bytes come from our own IndexedDB spool and the length is unknown until stop).
 */

export class TusError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Retrying cannot help (the upload is gone, too large, or refused). */
    readonly fatal: boolean,
  ) {
    super(message);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const csrf = queryClient.getQueryData<SessionInfo | null>(sessionKey)?.csrfToken;
  return { 'tus-resumable': '1.0.0', ...(csrf ? { 'x-csrf-token': csrf } : {}), ...extra };
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new TusError('The connection dropped', 0, false);
  }
  if (response.ok) return response;
  const fatal = [400, 403, 404, 410, 413, 415].includes(response.status);
  const text = await response.text().catch(() => '');
  let message = `Upload failed (${response.status})`;
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    if (text && text.length < 200) message = text;
  }
  throw new TusError(message, response.status, fatal);
}

/** Creates the upload; `length` null defers it (a recording still running). Returns its URL. */
export async function createUpload(
  endpoint: string,
  mediaId: string,
  length: number | null,
): Promise<string> {
  const response = await send(endpoint, {
    method: 'POST',
    headers: headers({
      'upload-metadata': `mediaId ${base64(mediaId)}`,
      ...(length === null ? { 'upload-defer-length': '1' } : { 'upload-length': String(length) }),
    }),
  });
  const location = response.headers.get('location');
  if (!location) throw new TusError('The server did not say where to upload', response.status, true);
  return new URL(location, window.location.href).toString();
}

/** How many bytes the server holds (HEAD), for resuming. */
export async function uploadOffset(url: string): Promise<number> {
  const response = await send(url, { method: 'HEAD', headers: headers() });
  return Number(response.headers.get('upload-offset') ?? 0);
}

/** Sends bytes at `offset`; `totalLength` declares the final length (deferred uploads). */
export async function patchUpload(
  url: string,
  offset: number,
  body: Blob,
  totalLength: number | null,
  signal?: AbortSignal,
): Promise<number> {
  const response = await send(url, {
    method: 'PATCH',
    headers: headers({
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      ...(totalLength === null ? {} : { 'upload-length': String(totalLength) }),
    }),
    body,
    signal,
  });
  return Number(response.headers.get('upload-offset') ?? offset + body.size);
}

export async function deleteUpload(url: string): Promise<void> {
  await send(url, { method: 'DELETE', headers: headers() }).catch(() => undefined);
}

/** Waits before retry n (0-based): 0, 1, 3, 5, then every 10 seconds. */
export const retryDelays = [0, 1000, 3000, 5000, 10_000];
export const retryDelay = (attempt: number) =>
  retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 10_000;
