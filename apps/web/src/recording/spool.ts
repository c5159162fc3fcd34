/**
 * The browser-side spool: every recorded chunk is written to IndexedDB before it is uploaded and
 * deleted only after the server acknowledged its bytes. A recording's row outlives a crashed tab,
 * so the next visit can finish the upload (see README.md).
 */

export interface SpooledRecording {
  mediaId: string;
  /** Where the tus upload was created at; null until the POST succeeded. */
  uploadUrl: string | null;
  uploadEndpoint: string;
  kind: 'video' | 'audio';
  title: string;
  mimeType: string;
  shareUrl: string;
  startedAt: number;
  /** Bytes handed to the spool so far (the offset the next chunk starts at). */
  spooledBytes: number;
  /** Bytes the server confirmed (its Upload-Offset). */
  ackedBytes: number;
  /** Recording time the confirmed bytes cover. */
  ackedMs: number;
  /** Recording time at the end of the last spooled chunk. */
  recordedMs: number;
  /** True once the recorder stopped and no more chunks will come. */
  stopped: boolean;
  /** True once POST /stop was accepted. */
  stopSent: boolean;
}

export interface SpooledChunk {
  mediaId: string;
  seq: number;
  /** Byte offset of this chunk in the whole recording. */
  offset: number;
  /** Recording time (ms) at the end of this chunk: "saved to server up to mm:ss". */
  endMs: number;
  data: Blob;
}

const DB_NAME = 'tidings-recordings';
const RECORDINGS = 'recordings';
const CHUNKS = 'chunks';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(RECORDINGS, { keyPath: 'mediaId' });
      db.createObjectStore(CHUNKS, { keyPath: ['mediaId', 'seq'] });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** All chunks of one recording, in order. */
const range = (mediaId: string) => IDBKeyRange.bound([mediaId, 0], [mediaId, Number.MAX_SAFE_INTEGER]);

export const spool = {
  async put(recording: SpooledRecording): Promise<void> {
    const db = await open();
    const tx = db.transaction(RECORDINGS, 'readwrite');
    tx.objectStore(RECORDINGS).put(recording);
    await done(tx);
  },

  async get(mediaId: string): Promise<SpooledRecording | undefined> {
    const db = await open();
    return result(db.transaction(RECORDINGS).objectStore(RECORDINGS).get(mediaId));
  },

  async update(mediaId: string, change: Partial<SpooledRecording>): Promise<SpooledRecording | undefined> {
    const db = await open();
    const tx = db.transaction(RECORDINGS, 'readwrite');
    const store = tx.objectStore(RECORDINGS);
    const current = await result<SpooledRecording | undefined>(store.get(mediaId));
    const next = current ? { ...current, ...change } : undefined;
    if (next) store.put(next);
    await done(tx);
    return next;
  },

  async list(): Promise<SpooledRecording[]> {
    const db = await open();
    return result(db.transaction(RECORDINGS).objectStore(RECORDINGS).getAll());
  },

  /** Appends a chunk and advances the recording's byte count in one transaction. */
  async append(mediaId: string, data: Blob, endMs: number): Promise<SpooledChunk> {
    const db = await open();
    const tx = db.transaction([RECORDINGS, CHUNKS], 'readwrite');
    const recordings = tx.objectStore(RECORDINGS);
    const current = await result<SpooledRecording | undefined>(recordings.get(mediaId));
    if (!current) throw new Error(`No spooled recording ${mediaId}`);
    const chunks = tx.objectStore(CHUNKS);
    const last = await result(chunks.openCursor(range(mediaId), 'prev'));
    const seq = last ? (last.value as SpooledChunk).seq + 1 : 0;
    const chunk: SpooledChunk = { mediaId, seq, offset: current.spooledBytes, endMs, data };
    chunks.put(chunk);
    recordings.put({ ...current, spooledBytes: current.spooledBytes + data.size, recordedMs: endMs });
    await done(tx);
    return chunk;
  },

  async chunks(mediaId: string): Promise<SpooledChunk[]> {
    const db = await open();
    return result(db.transaction(CHUNKS).objectStore(CHUNKS).getAll(range(mediaId)));
  },

  /**
   * Drops the chunks the server holds entirely (their last byte is below `ackedBytes`); returns
   * the recording time those bytes cover.
   */
  async release(mediaId: string, ackedBytes: number): Promise<number> {
    const db = await open();
    const tx = db.transaction([RECORDINGS, CHUNKS], 'readwrite');
    const chunks = tx.objectStore(CHUNKS);
    const all = await result<SpooledChunk[]>(chunks.getAll(range(mediaId)));
    const recordings = tx.objectStore(RECORDINGS);
    const current = await result<SpooledRecording | undefined>(recordings.get(mediaId));
    let ackedMs = current?.ackedMs ?? 0;
    for (const chunk of all) {
      if (chunk.offset + chunk.data.size > ackedBytes) continue;
      chunks.delete([mediaId, chunk.seq]);
      ackedMs = Math.max(ackedMs, chunk.endMs);
    }
    if (current) recordings.put({ ...current, ackedBytes, ackedMs });
    await done(tx);
    return ackedMs;
  },

  async remove(mediaId: string): Promise<void> {
    const db = await open();
    const tx = db.transaction([RECORDINGS, CHUNKS], 'readwrite');
    tx.objectStore(RECORDINGS).delete(mediaId);
    tx.objectStore(CHUNKS).delete(range(mediaId));
    await done(tx);
  },
};
