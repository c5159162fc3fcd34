import type { Config } from '../../config';
import type { BlobStore } from '../blob/blob-store';
import { localUploadStaging } from './local-upload-staging';
import type { UploadStaging } from './upload-staging';

/** Uploads in progress live where finished media do: the bucket when STORAGE=s3, else DATA_DIR. */
export async function createUploadStaging(config: Config, blobs: BlobStore): Promise<UploadStaging> {
  if (config.storage.kind !== 's3') return localUploadStaging(config.dataDir, blobs);
  // Loaded only for S3, like the blob store (the AWS SDK is large).
  const { s3UploadStaging } = await import('./s3-upload-staging');
  return s3UploadStaging(config.storage, blobs);
}
