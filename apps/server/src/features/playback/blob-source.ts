import { createReadStream } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../../adapters/blob/blob-store';
import { READ_CHUNK, type ServableFile } from './serve-file';

/** How the bytes of one blob reach the player: streamed by us, or a redirect (S3 presigned GET). */
export type BlobAnswer = { file: ServableFile } | { redirect: string } | { accel: string };

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.m4a': 'audio/mp4',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.json': 'application/json',
};

/** The content type of a stored rendition, from its key's extension, else `fallback`. */
export function contentTypeOf(key: string, fallback: string): string {
  return TYPES[path.extname(key).toLowerCase()] ?? fallback;
}

/**
 * Opens `key` for serving: on local disk a file streamed with start/end; on object storage a
 * presigned GET URL valid as long as our own signed URL, so the bytes never pass through us.
 */
export async function openBlob(
  blobs: BlobStore,
  key: string,
  contentType: string,
  expiresInS: number,
  accelPrefix: string | null = null,
): Promise<BlobAnswer | null> {
  // A front nginx sends local files itself (sendfile, Range, validators): Node cannot sendfile.
  if (accelPrefix && blobs.localPath)
    return { accel: accelPrefix + key.split('/').map(encodeURIComponent).join('/') };
  if (blobs.presignedGetUrl) {
    // No HEAD first: the key comes from a finished media row, and S3 answers 404 itself.
    return { redirect: await blobs.presignedGetUrl(key, { expiresInS, contentType }) };
  }
  const file = blobs.localPath?.(key);
  if (file) return openLocal(file, contentType);
  const info = await blobs.stat(key);
  if (!info) return null;
  return {
    file: {
      size: info.size,
      mtimeMs: info.modifiedAt,
      contentType,
      etag: info.etag,
      open: async (start, end) => {
        const stream = await blobs.getRange(key, start, end);
        if (!stream) throw new Error(`Blob ${key} vanished while being served`);
        return stream;
      },
    },
  };
}

/**
 * A local file opened once per request: fstat on the open handle gives size and validators for
 * exactly the bytes we then stream (a file replaced meanwhile is a new inode), with no stat of
 * the path and no read of the content-type sidecar on the hot path.
 */
async function openLocal(file: string, contentType: string): Promise<BlobAnswer | null> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const stat = await handle.stat();
  return {
    file: {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      contentType,
      etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}-${stat.ino.toString(16)}"`,
      handle,
      open: async (start, end) =>
        createReadStream(file, { fd: handle, start, end, highWaterMark: READ_CHUNK, autoClose: false }),
      release: () => handle.close(),
    },
  };
}
