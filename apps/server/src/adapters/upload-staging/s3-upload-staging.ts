import type { StorageConfig } from '../../config-sections';
import type { BlobStore } from '../blob/blob-store';
import { s3ClientConfig } from '../blob/s3-store';
import { TusS3Store } from './tus-s3-store';
import type { UploadStaging } from './upload-staging';

/** Every staged object of an upload sits under this prefix of the bucket. */
export const S3_STAGING_PREFIX = 'uploads/';

type S3Storage = Extract<StorageConfig, { kind: 's3' }>;

/** Uploads in progress in the bucket: API nodes keep nothing, any node takes any chunk. */
export function s3UploadStaging(storage: S3Storage, blobs: BlobStore): UploadStaging {
  const datastore = new TusS3Store({
    s3ClientConfig: { ...s3ClientConfig(storage), bucket: storage.bucket },
    prefix: S3_STAGING_PREFIX,
  });
  return {
    datastore,
    async importFinished(uploadId, key, contentType) {
      if (blobs.importObject) await blobs.importObject(key, S3_STAGING_PREFIX + uploadId, contentType);
      else await blobs.putStream(key, await datastore.read(uploadId), contentType);
    },
    remove: (uploadId) => datastore.remove(uploadId),
  };
}
