import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { HeadObjectCommandOutput, Part } from '@aws-sdk/client-s3';
import { type MetadataValue, S3Store } from '@tus/s3-store';
import { ERRORS, type KvStore, Upload } from '@tus/server';

/**
 * Each node reads an upload's state from the bucket on every request: a cached copy would go
 * stale when the previous chunk (or the declared length) went through another node.
 */
const noCache: KvStore<MetadataValue> = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
};

/** A stored part; the first part of a PATCH also names the `.part` tail it took in. */
type StoredPart = Part & { AbsorbedTail?: string };

const isMissing = (error: unknown) => {
  const name = (error as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound';
};

/**
 * The tus S3 store (@tus/s3-store) with every object of an upload under a prefix, which it has
 * no option for. For upload `<id>` it writes `<prefix><id>` (a multipart upload, completed into
 * that object when the last byte arrives), `<prefix><id>.info` (length, metadata, the multipart
 * upload's id) and `<prefix><id>.part` (the tail under S3's 5 MiB minimum part size, prepended to
 * the next PATCH); we add `<prefix><id>.parts`, the list of parts stored so far, because not
 * every S3-compatible service answers ListParts (s3rver does not). The tus server still sees the
 * media id as the upload id.
 */
export class TusS3Store extends S3Store {
  private readonly prefix: string;
  /** Parts of one PATCH go up concurrently; their updates of `.parts` take turns. */
  private readonly partListTurns = new Map<string, Promise<unknown>>();
  /** The tail a PATCH in progress read back, and the part number that will take it in. */
  private readonly tailsBeingAbsorbed = new Map<string, { id: string; intoPart?: number }>();

  constructor(options: {
    s3ClientConfig: ConstructorParameters<typeof S3Store>[0]['s3ClientConfig'];
    prefix: string;
  }) {
    super({ s3ClientConfig: options.s3ClientConfig, cache: noCache, useTags: false });
    this.prefix = options.prefix;
  }

  private staged(id: string) {
    return this.prefix + id;
  }
  private partListKey(stagedId: string) {
    return `${stagedId}.parts`;
  }

  override async create(upload: Upload): Promise<Upload> {
    const created = await super.create(new Upload({ ...upload, id: this.staged(upload.id) }));
    upload.storage = created.storage;
    upload.creation_date = created.creation_date;
    return upload;
  }

  override async write(src: Readable, id: string, offset: number): Promise<number> {
    const key = this.staged(id);
    try {
      return await super.write(src, key, offset);
    } finally {
      this.tailsBeingAbsorbed.delete(key);
    }
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

  /** Aborts the multipart upload if it is still open, then deletes every staged object. */
  override async remove(id: string): Promise<void> {
    const key = this.staged(id);
    await super.remove(key).catch((error) => {
      // Nothing open to abort (never created, or completed), or a service without
      // AbortMultipartUpload (s3rver): the objects below must go all the same.
      const name = (error as { name?: string }).name;
      if (error !== ERRORS.FILE_NOT_FOUND && name !== 'MethodNotAllowed' && name !== 'NotImplemented') {
        throw error;
      }
    });
    const keys = [key, this.infoKey(key), this.partKey(key, true), this.partListKey(key)];
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
    });
    this.partListTurns.delete(key);
  }

  /** Parts 1..n stored so far, from `.parts` (a gap after a failed part ends the list there). */
  protected override async retrieveParts(stagedId: string): Promise<Part[]> {
    const parts = await this.readPartList(stagedId);
    const consecutive: Part[] = [];
    for (const part of parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0))) {
      if (part.PartNumber !== consecutive.length + 1) break;
      consecutive.push(part);
    }
    return consecutive;
  }

  protected override async uploadPart(
    metadata: MetadataValue,
    body: Parameters<S3Store['uploadPart']>[1],
    partNumber: number,
  ): Promise<string> {
    const stagedId = metadata.file.id;
    const size = Buffer.isBuffer(body) ? body.length : await sizeOfFileStream(body);
    const etag = await super.uploadPart(metadata, body, partNumber);
    // Only a PATCH's first part starts with the tail it read back.
    const tail = this.tailsBeingAbsorbed.get(stagedId);
    const first = tail !== undefined && partNumber === tail.intoPart;
    await this.recordPart(stagedId, {
      PartNumber: partNumber,
      ETag: etag,
      Size: size,
      ...(first ? { AbsorbedTail: tail.id } : {}),
    });
    if (first) this.tailsBeingAbsorbed.delete(stagedId);
    return etag;
  }

  /** Notes the PATCH's first part number: that part is the one that takes in the tail. */
  protected override uploadParts(
    metadata: MetadataValue,
    readStream: Readable,
    currentPartNumber: number,
    offset: number,
  ): Promise<number> {
    const tail = this.tailsBeingAbsorbed.get(metadata.file.id);
    if (tail) tail.intoPart = currentPartNumber;
    return super.uploadParts(metadata, readStream, currentPartNumber, offset);
  }

  /*
   * Never losing acknowledged bytes. The library deletes the `.part` tail as soon as it has read
   * it back, before the PATCH's bytes are stored: an S3 error in between left the upload shorter
   * than what the client was told it had (and a recorder drops chunks once told). Instead the
   * tail stays until something replaces it: a new tail (a PUT over the same key, atomic), or a
   * stored part that took it in — that part names the tail's id in `.parts` (written with it),
   * and a tail so named is ignored from then on. Each tail gets a fresh id, so two tails with the
   * same bytes are never confused.
   */
  protected override async uploadIncompletePart(stagedId: string, readStream: Readable): Promise<string> {
    const data = await this.client.putObject({
      Bucket: this.bucket,
      Key: this.partKey(stagedId, true),
      Body: readStream,
      Metadata: { 'tail-id': randomUUID() },
    });
    return data.ETag as string;
  }

  protected override async getIncompletePart(stagedId: string): Promise<Readable | undefined> {
    const tail = await this.liveTail(stagedId);
    if (!tail) return undefined;
    const object = await this.client.getObject({ Bucket: this.bucket, Key: this.partKey(stagedId, true) });
    // Replaced between the HEAD and the GET (another node): read the state again next time.
    if (object.Metadata?.['tail-id'] !== tail.id) throw ERRORS.FILE_WRITE_ERROR;
    this.tailsBeingAbsorbed.set(stagedId, { id: tail.id });
    return object.Body as Readable;
  }

  protected override async getIncompletePartSize(stagedId: string): Promise<number | undefined> {
    return (await this.liveTail(stagedId))?.size;
  }

  /** Kept until replaced or taken in (see above); `remove` deletes it with the rest. */
  protected override async deleteIncompletePart(_stagedId: string): Promise<void> {}

  /** The `.part` tail, unless a stored part already took it in. */
  private async liveTail(stagedId: string): Promise<{ id: string; size: number } | null> {
    let head: HeadObjectCommandOutput;
    try {
      head = await this.client.headObject({ Bucket: this.bucket, Key: this.partKey(stagedId, true) });
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const id = head.Metadata?.['tail-id'] ?? '';
    const absorbed = (await this.readPartList(stagedId)).some((p) => p.AbsorbedTail === id);
    return absorbed ? null : { id, size: head.ContentLength ?? 0 };
  }

  private async readPartList(stagedId: string): Promise<StoredPart[]> {
    try {
      const object = await this.client.getObject({ Bucket: this.bucket, Key: this.partListKey(stagedId) });
      return JSON.parse((await object.Body?.transformToString()) ?? '[]') as StoredPart[];
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  private recordPart(stagedId: string, part: StoredPart): Promise<void> {
    const turn = (this.partListTurns.get(stagedId) ?? Promise.resolve())
      .catch(() => {})
      .then(async () => {
        const parts = (await this.readPartList(stagedId)).filter((p) => p.PartNumber !== part.PartNumber);
        await this.client.putObject({
          Bucket: this.bucket,
          Key: this.partListKey(stagedId),
          Body: JSON.stringify([...parts, part]),
          ContentType: 'application/json',
        });
      });
    this.partListTurns.set(stagedId, turn);
    return turn.finally(() => {
      if (this.partListTurns.get(stagedId) === turn) this.partListTurns.delete(stagedId);
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

/** The store uploads each part from a temp file (its splitter's chunk) it removes afterwards. */
async function sizeOfFileStream(body: Readable): Promise<number> {
  const file = (body as { path?: unknown }).path;
  if (typeof file !== 'string') throw new Error('A part to upload must be read from a file');
  return (await fs.stat(file)).size;
}
