import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Uploads in progress are staged on local disk (tus file store: the bytes plus a `.json` with
 * the offset and metadata), so they survive a restart; a finished upload moves to the BlobStore.
 */
export const stagingDir = (dataDir: string) => path.join(dataDir, 'uploads');

export async function removeStagedUpload(dataDir: string, uploadId: string): Promise<void> {
  const dir = stagingDir(dataDir);
  await fs.rm(path.join(dir, uploadId), { force: true });
  await fs.rm(path.join(dir, `${uploadId}.json`), { force: true });
}
