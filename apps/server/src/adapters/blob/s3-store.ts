import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore } from './blob-store';

export interface S3StoreOptions {
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  forcePathStyle: boolean;
}

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/** Client settings shared by every S3 user (the blob store and the tus upload staging). */
export function s3ClientConfig(options: S3StoreOptions): S3ClientConfig {
  return {
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.accessKeyId && options.secretAccessKey
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
    // Checksums only where S3 demands them: many compatible services reject the newer trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** S3 copies an object in one request only up to 5 GiB. */
const SINGLE_COPY_MAX_BYTES = 5 * 1024 ** 3;

/** Blobs in an S3-compatible bucket. Streams go up as multipart uploads, a few MB at a time. */
export function s3Store(
  options: S3StoreOptions,
  { singleCopyMaxBytes = SINGLE_COPY_MAX_BYTES } = {},
): BlobStore {
  const client = new S3Client(s3ClientConfig(options));
  const Bucket = options.bucket;

  async function getObject(key: string, range?: string) {
    try {
      return await client.send(
        new GetObjectCommand({ Bucket, Key: key, ...(range ? { Range: range } : {}) }),
      );
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function putStream(key: string, data: Readable, contentType: string) {
    // 8 MB parts, 2 in flight: memory stays around 16 MB whatever the size of the stream.
    const upload = new Upload({
      client,
      params: { Bucket, Key: key, Body: data, ContentType: contentType },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
    });
    await upload.done();
  }

  return {
    async put(key, data, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: data, ContentType: contentType }));
    },
    putStream,
    async importObject(key, sourceKey, contentType) {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: sourceKey }));
      if ((head.ContentLength ?? 0) <= singleCopyMaxBytes) {
        // Server-side: the bytes never pass through this process.
        await client.send(
          new CopyObjectCommand({
            Bucket,
            Key: key,
            CopySource: encodeURI(`${Bucket}/${sourceKey}`),
            ContentType: contentType,
            MetadataDirective: 'REPLACE',
          }),
        );
        return;
      }
      // Past the single-copy limit: stream it through in parts (memory stays flat).
      const source = await getObject(sourceKey);
      if (!source) throw new Error(`No object to import at ${sourceKey}`);
      await putStream(key, source.Body as Readable, contentType);
    },
    async get(key) {
      const object = await getObject(key);
      if (!object) return null;
      return {
        stream: object.Body as Readable,
        size: object.ContentLength ?? 0,
        contentType: object.ContentType ?? 'application/octet-stream',
      };
    },
    async getRange(key, start, end) {
      const object = await getObject(key, `bytes=${start}-${end}`);
      return object ? (object.Body as Readable) : null;
    },
    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return {
          size: head.ContentLength ?? 0,
          contentType: head.ContentType ?? 'application/octet-stream',
          etag: head.ETag ?? `"${head.ContentLength ?? 0}"`,
          modifiedAt: head.LastModified?.getTime() ?? 0,
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    presignedGetUrl: (key, { expiresInS, contentType }) =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ...(contentType ? { ResponseContentType: contentType } : {}),
        }),
        { expiresIn: expiresInS },
      ),
  };
}
