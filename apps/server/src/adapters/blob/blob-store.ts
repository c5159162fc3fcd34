import type { Readable } from 'node:stream';

/** Where files (avatars now, recordings later) live. Keys are slash-separated relative paths. */
export interface BlobStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Null when nothing is stored under the key. */
  get(key: string): Promise<{ stream: Readable; size: number; contentType: string } | null>;
  delete(key: string): Promise<void>;
}
