import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../../context';

/**
 * A path ffmpeg can read for a stored blob: the blob itself on local disk, else a copy streamed
 * from S3 into `workDir` as `name`. Null when the blob is missing from storage.
 */
export async function localFileOf(
  ctx: AppContext,
  key: string,
  workDir: string,
  name: string,
): Promise<string | null> {
  const local = ctx.blobs.localPath?.(key);
  if (local) {
    try {
      await fs.access(local);
      return local;
    } catch {
      return null;
    }
  }
  const blob = await ctx.blobs.get(key);
  if (!blob) return null;
  const file = path.join(workDir, name);
  await pipeline(blob.stream, createWriteStream(file));
  return file;
}

/** Stores a finished local file: a rename into local storage, an upload to S3. */
export async function storeFile(ctx: AppContext, key: string, file: string, contentType: string) {
  if (ctx.blobs.importFile) await ctx.blobs.importFile(key, file, contentType);
  else await ctx.blobs.putStream(key, createReadStream(file), contentType);
}
