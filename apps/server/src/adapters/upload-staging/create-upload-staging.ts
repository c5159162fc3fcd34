import type { Config } from '../../config';
import type { BlobStore } from '../blob/blob-store';
import { localUploadStaging } from './local-upload-staging';
import { s3UploadStaging } from './s3-upload-staging';
import type { UploadStaging } from './upload-staging';

/** Uploads in progress live where finished media do: the bucket when STORAGE=s3, else DATA_DIR. */
export function createUploadStaging(config: Config, blobs: BlobStore): UploadStaging {
  return config.storage.kind === 's3'
    ? s3UploadStaging(config.storage, blobs)
    : localUploadStaging(config.dataDir, blobs);
}
