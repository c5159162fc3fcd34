import type { DataStore } from '@tus/server';

/**
 * Where tus uploads wait while bytes arrive, chosen once from the settings
 * (create-upload-staging.ts): `<DATA_DIR>/uploads` on local disk by default, or the bucket under
 * `uploads/` when STORAGE=s3, so that any API node can take the next chunk of any upload.
 */
export interface UploadStaging {
  /** The tus datastore holding uploads in progress (their bytes, offset, length and metadata). */
  readonly datastore: DataStore;
  /** Copies a finished upload into the BlobStore at `key`; the staged copy stays until `remove`. */
  importFinished(uploadId: string, key: string, contentType: string): Promise<void>;
  /** Removes whatever is staged for the upload; nothing staged is fine. */
  remove(uploadId: string): Promise<void>;
}
