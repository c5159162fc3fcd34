import type { StorageConfig } from '../config';
import type { App } from './types';

/**
 * A strict Content-Security-Policy: the SPA's own scripts and styles only, no inline code, no
 * framing. Media may come from blob: URLs because the recorder previews what it records, and
 * from the S3 service when recordings are stored there (playback redirects to presigned URLs).
 */
export function contentSecurityPolicy(storage: StorageConfig = { kind: 'local' }): string {
  const media = ["'self'", 'blob:', ...storageOrigins(storage)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${storageOrigins(storage).join(' ')}`.trim(),
    `media-src ${media}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Where presigned S3 URLs point: the configured endpoint, or AWS's own hosts. */
function storageOrigins(storage: StorageConfig): string[] {
  if (storage.kind !== 's3') return [];
  return [storage.endpoint ? new URL(storage.endpoint).origin : 'https://*.amazonaws.com'];
}

export function registerSecurityHeaders(app: App, storage: StorageConfig): void {
  const policy = contentSecurityPolicy(storage);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', policy);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header(
      'permissions-policy',
      'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
    );
  });
}
