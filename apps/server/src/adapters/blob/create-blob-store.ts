import path from 'node:path';
import type { Config } from '../../config';
import type { BlobStore } from './blob-store';
import { localDiskStore } from './local-disk-store';
import { s3Store } from './s3-store';

/** The store the settings choose: local disk by default, S3 when STORAGE=s3. */
export function createBlobStore(config: Config): BlobStore {
  return config.storage.kind === 's3'
    ? s3Store(config.storage)
    : localDiskStore(path.join(config.dataDir, 'blobs'));
}
