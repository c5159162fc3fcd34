// Media helpers for benchmarks: create a media row and push bytes through the real tus endpoint.
import { Readable } from 'node:stream';

/** JSON request with the owner's session cookie and CSRF token. */
export async function api(server, owner, method, url, body) {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      cookie: owner.cookie,
      'x-csrf-token': owner.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** Creates an upload-kind media row of `sizeBytes` and returns its id. */
export async function createUploadMedia(server, owner, sizeBytes, mimeType = 'video/mp4') {
  const created = await api(server, owner, 'POST', '/api/media', {
    kind: 'video',
    source: 'upload',
    mimeType,
    title: 'bench',
    sizeBytes,
  });
  return created.media.id;
}

/**
 * Uploads `body` (a Readable of exactly `length` bytes) through tus: one creation request, then
 * one streaming PATCH, as tus-js-client does for a file. Resolves to the seconds the PATCH took.
 */
export async function tusUpload(server, owner, mediaId, body, length) {
  const auth = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken, 'tus-resumable': '1.0.0' };
  const b64 = (s) => Buffer.from(s).toString('base64');
  const created = await fetch(`${server.url}/api/uploads`, {
    method: 'POST',
    headers: {
      ...auth,
      'upload-length': String(length),
      'upload-metadata': `mediaId ${b64(mediaId)},filetype ${b64('video/mp4')}`,
    },
  });
  if (created.status !== 201) throw new Error(`tus create: ${created.status} ${await created.text()}`);
  const location = created.headers.get('location') ?? '';
  const url = location.startsWith('http') ? location : `${server.url}${location}`;
  const started = performance.now();
  const patched = await fetch(url, {
    method: 'PATCH',
    headers: { ...auth, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    body: Readable.toWeb(body),
    duplex: 'half',
  });
  const seconds = (performance.now() - started) / 1000;
  const offset = Number(patched.headers.get('upload-offset'));
  if (patched.status !== 204 || offset !== length) {
    throw new Error(`tus PATCH: ${patched.status} offset ${offset} of ${length}: ${await patched.text()}`);
  }
  return seconds;
}

/** `length` bytes of incompressible data made from one random block, without holding them. */
export function generatedBytes(length, block) {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < length; sent += block.length) {
        yield sent + block.length <= length ? block : block.subarray(0, length - sent);
      }
    })(),
  );
}

/** Polls until `check()` returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}
