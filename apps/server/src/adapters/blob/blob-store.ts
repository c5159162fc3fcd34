import type { Readable } from 'node:stream';

export interface BlobInfo {
  size: number;
  contentType: string;
  /** Changes whenever the content does (for ETag / If-Range). */
  etag: string;
  modifiedAt: number;
}

/** Where files (avatars, recordings) live. Keys are slash-separated relative paths. */
export interface BlobStore {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Streams `data` in without holding it in memory (recordings can be gigabytes). */
  putStream(key: string, data: Readable, contentType: string): Promise<void>;
  /** Null when nothing is stored under the key. */
  get(key: string): Promise<{ stream: Readable; size: number; contentType: string } | null>;
  /** Bytes `start` to `end` inclusive (like HTTP Range); null when nothing is stored. */
  getRange(key: string, start: number, end: number): Promise<Readable | null>;
  stat(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<void>;
  /** Local disk only: the file itself, for tools like ffmpeg that want a path. */
  localPath?(key: string): string;
  /** Local disk only: takes a finished file in without copying it (the source stays). */
  importFile?(key: string, file: string, contentType: string): Promise<void>;
  /** S3 only: takes in another object of the same bucket by a server-side copy (the source stays). */
  importObject?(key: string, sourceKey: string, contentType: string): Promise<void>;
  /** S3 only: a URL that reads the blob directly for `expiresInS` seconds. */
  presignedGetUrl?(key: string, options: { expiresInS: number; contentType?: string }): Promise<string>;
}
