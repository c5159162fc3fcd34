import type { Readable } from 'node:stream';
import { type MetadataValue, type Options, S3Store } from '@tus/s3-store';
import { ERRORS, type KvStore, Upload } from '@tus/server';
import type { StorageConfig } from '../../config-sections';
import type { BlobStore } from '../blob/blob-store';
import { s3ClientConfig } from '../blob/s3-store';
import type { UploadStaging } from './upload-staging';

/** Every staged object of an upload sits under this prefix of the bucket. */
export const S3_STAGING_PREFIX = 'uploads/';

/**
 * Each node reads an upload's state from the bucket on every request: a cached copy would go
 * stale when the previous chunk (or the declared length) went through another node.
 */
const noCache: KvStore<MetadataValue> = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
};

/**
 * The tus S3 store with its objects under a prefix (it has no option for one): for upload `<id>`
 * it writes `uploads/<id>` (a multipart upload, completed into that object at the end),
 * `uploads/<id>.info` (length, metadata, the multipart upload's id) and `uploads/<id>.part` (the
 * tail under S3's 5 MiB minimum part size, prepended to the next PATCH). The upload id seen by the
 * tus server stays the media id.
 */
class PrefixedS3Store extends S3Store {
  constructor(
    options: Options,
    private readonly prefix: string,
  ) {
    super(options);
  }

  private staged(id: string) {
    return this.prefix + id;
  }

  override async create(upload: Upload): Promise<Upload> {
    const created = await super.create(new Upload({ ...upload, id: this.staged(upload.id) }));
    upload.storage = created.storage;
    upload.creation_date = created.creation_date;
    return upload;
  }

  override write(src: Readable, id: string, offset: number): Promise<number> {
    return super.write(src, this.staged(id), offset);
  }

  override async getUpload(id: string): Promise<Upload> {
    return new Upload({ ...(await super.getUpload(this.staged(id))), id });
  }

  override declareUploadLength(id: string, length: number): Promise<void> {
    return super.declareUploadLength(this.staged(id), length);
  }

  override read(id: string): Promise<Readable> {
    return super.read(this.staged(id));
  }

  /** Aborts the multipart upload if still open, then deletes every staged object (the tail too). */
  override async remove(id: string): Promise<void> {
    const key = this.staged(id);
    await super.remove(key).catch((error) => {
      // Nothing open to abort (never created, or already completed): the objects may still be there.
      if (error !== ERRORS.FILE_NOT_FOUND) throw error;
    });
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: {
        Objects: [key, this.infoKey(key), this.partKey(key, true)].map((Key) => ({ Key })),
        Quiet: true,
      },
    });
  }

  /**
   * A deferred-length upload (a recording in progress) would get parts sized for the largest
   * possible upload (~500 MB), and each small PATCH re-sends the incomplete tail: keep parts at
   * S3's minimum (5 MiB; 10,000 parts make ~48 GiB, far above the upload limit).
   */
  protected override calcOptimalPartSize(size?: number): number {
    return size === undefined ? this.minPartSize : super.calcOptimalPartSize(size);
  }
}

type S3Storage = Extract<StorageConfig, { kind: 's3' }>;

/** Uploads in progress in the bucket: API nodes keep nothing, any node takes any chunk. */
export function s3UploadStaging(storage: S3Storage, blobs: BlobStore): UploadStaging {
  const datastore = new PrefixedS3Store(
    {
      s3ClientConfig: { ...s3ClientConfig(storage), bucket: storage.bucket },
      cache: noCache,
      useTags: false,
    },
    S3_STAGING_PREFIX,
  );
  return {
    datastore,
    async importFinished(uploadId, key, contentType) {
      if (blobs.importObject) await blobs.importObject(key, S3_STAGING_PREFIX + uploadId, contentType);
      else await blobs.putStream(key, await datastore.read(uploadId), contentType);
    },
    remove: (uploadId) => datastore.remove(uploadId),
  };
}
