import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { request, type Session, type TestApp } from '../../../test/harness';
import { mediaRepository } from '../media/media.repository';

/**
 * Recordings for playback tests: created through the media API, then given the renditions the
 * finalize job would write (bytes through the app's real BlobStore, keys on the media row).
 */
export function testMedia(t: TestApp) {
  const repo = mediaRepository(t.ctx.db);
  return {
    repo,
    async add(owner: Session, options: { bytes?: Buffer } = {}) {
      const created = await request(
        t.app,
        {
          method: 'POST',
          url: '/api/media',
          payload: { kind: 'video', source: 'recording', mimeType: 'video/webm' },
        },
        owner,
      );
      expect(created.statusCode, created.body).toBe(201);
      const id: string = created.json().media.id;
      const shareToken = String(created.json().media.shareUrl).split('/v/')[1] ?? '';
      const bytes = options.bytes ?? randomBytes(10_000);
      await t.ctx.blobs.put(`test/${id}/playable.mp4`, bytes, 'video/mp4');
      await t.ctx.blobs.put(`test/${id}/poster.jpg`, randomBytes(500), 'image/jpeg');
      await repo.update(id, {
        status: 'ready',
        playable_key: `test/${id}/playable.mp4`,
        playable_mime_type: 'video/mp4',
        poster_key: `test/${id}/poster.jpg`,
      });
      return { id, bytes, shareToken };
    },
  };
}

/** The signed URLs the API hands `as` for media `id`. */
export async function playbackUrls(t: TestApp, as: Session, id: string) {
  const response = await request(t.app, { method: 'GET', url: `/api/media/${id}/playback` }, as);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    playbackUrl: string;
    posterUrl: string | null;
    previewUrl: string | null;
    originalUrl: string | null;
    expiresAt: number;
    positionMs: number | null;
  };
}

/** GETs (or HEADs) a media URL as `as`, with extra headers. */
export const fetchMedia = (
  t: TestApp,
  url: string,
  as: Session | undefined,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' = 'GET',
) => request(t.app, { method, url, headers }, as);
