import path from 'node:path';
import type { Config } from '../../config';
import type { BlobStore } from './blob-store';
import { localDiskStore } from './local-disk-store';

/**
 * The store the settings choose: local disk by default, S3 when STORAGE=s3. The AWS SDK is
 * loaded only then: it costs every other installation ~27 MB of memory.
 */
export async function createBlobStore(config: Config): Promise<BlobStore> {
  if (config.storage.kind !== 's3') return localDiskStore(path.join(config.dataDir, 'blobs'));
  const { s3Store } = await import('./s3-store');
  return s3Store(config.storage);
}
