import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import type { BlobStore } from '../blob/blob-store';
import type { UploadStaging } from './upload-staging';

const localStagingDir = (dataDir: string) => path.join(dataDir, 'uploads');

/**
 * Uploads in progress on this node's disk (tus file store: the bytes plus a `.json` with the
 * offset and metadata), so they survive a restart. Several API nodes must then share DATA_DIR or
 * route each upload to the same node.
 */
export function localUploadStaging(dataDir: string, blobs: BlobStore): UploadStaging {
  const directory = localStagingDir(dataDir);
  // Made on first use: the file store creates its directory, which a CLI command need not do.
  let datastore: FileStore | undefined;
  return {
    get datastore() {
      datastore ??= new FileStore({ directory });
      return datastore;
    },
    async importFinished(uploadId, key, contentType) {
      const staged = path.join(directory, uploadId);
      if (blobs.importFile) await blobs.importFile(key, staged, contentType);
      else await blobs.putStream(key, createReadStream(staged), contentType);
    },
    async remove(uploadId) {
      await fs.rm(path.join(directory, uploadId), { force: true });
      await fs.rm(path.join(directory, `${uploadId}.json`), { force: true });
    },
  };
}
