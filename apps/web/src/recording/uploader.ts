import { spool } from './spool';
import { createUpload, patchUpload, retryDelay, TusError, uploadOffset } from './tus';

export interface UploadProgress {
  ackedBytes: number;
  spooledBytes: number;
  /** Recording time the server holds: "saved to server up to mm:ss". */
  ackedMs: number;
  /** The connection dropped; we keep retrying. */
  waiting: boolean;
}

interface Listeners {
  onProgress?: (progress: UploadProgress) => void;
  onDone?: () => void;
  onFatal?: (message: string) => void;
}

/** Media ids this tab is uploading now (the recovery banner leaves those alone). */
export const activeUploads = new Set<string>();

/** At most this much per PATCH, so a catch-up after an outage goes in steady steps. */
const MAX_PATCH_BYTES = 4 * 1024 * 1024;

/**
 * Feeds one spooled recording to its tus upload, in order, from IndexedDB. Single-flight: `kick()`
 * after each new chunk (or when the network returns) and it sends what is pending. Chunks leave
 * the spool only once the server's Upload-Offset covers them. Survives reloads: a new uploader
 * for the same media id resumes from the server's offset (HEAD).
 */
export class SpoolUploader {
  private running = false;
  private pending = false;
  private offset: number | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private finished = false;
  private closed = false;
  private readonly onOnline = () => this.retryNow();

  constructor(
    readonly mediaId: string,
    private readonly listeners: Listeners = {},
  ) {
    window.addEventListener('online', this.onOnline);
    activeUploads.add(mediaId);
  }

  kick(): void {
    if (this.finished || this.closed) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    void this.drain();
  }

  close(): void {
    this.closed = true;
    activeUploads.delete(this.mediaId);
    if (this.timer) clearTimeout(this.timer);
    window.removeEventListener('online', this.onOnline);
  }

  private retryNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    this.kick();
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.pending = false;
        while (!this.closed && (await this.step())) {
          this.attempt = 0;
        }
      } while (this.pending && !this.closed);
      this.running = false;
    } catch (error) {
      this.running = false;
      if (error instanceof TusError && error.fatal) {
        this.close();
        this.listeners.onFatal?.(error.message);
        return;
      }
      // Network gone or server busy: try again later, from the server's offset.
      this.offset = null;
      const recording = await spool.get(this.mediaId);
      if (recording) this.report(recording.ackedBytes, recording.spooledBytes, recording.ackedMs, true);
      const delay = retryDelay(this.attempt++);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.kick();
      }, delay);
    }
  }

  /** Sends one batch. Returns true when there may be more to do right away. */
  private async step(): Promise<boolean> {
    let recording = await spool.get(this.mediaId);
    if (!recording) return false;
    if (!recording.uploadUrl) {
      const url = await createUpload(recording.uploadEndpoint, this.mediaId, null);
      recording = (await spool.update(this.mediaId, { uploadUrl: url })) ?? recording;
      this.offset = 0;
    }
    const url = recording.uploadUrl as string;
    if (this.offset === null) {
      this.offset = await uploadOffset(url);
      const ackedMs = await spool.release(this.mediaId, this.offset);
      this.report(this.offset, recording.spooledBytes, ackedMs, false);
    }
    const offset = this.offset;
    const total = recording.stopped ? recording.spooledBytes : null;

    if (offset >= recording.spooledBytes) {
      if (!recording.stopped) return false;
      // Everything is there; a deferred upload still needs its length (an empty PATCH).
      if (!this.finished) {
        if (recording.stopped && offset === recording.spooledBytes && !(await this.lengthKnown(url))) {
          await patchUpload(url, offset, new Blob([]), total);
        }
        this.finish();
      }
      return false;
    }

    const parts: Blob[] = [];
    let size = 0;
    for (const chunk of await spool.chunks(this.mediaId)) {
      const end = chunk.offset + chunk.data.size;
      if (end <= offset || chunk.offset > offset + size) continue;
      const part = chunk.offset < offset ? chunk.data.slice(offset - chunk.offset) : chunk.data;
      parts.push(part);
      size += part.size;
      if (size >= MAX_PATCH_BYTES) break;
    }
    if (size === 0) throw new TusError('The recording is missing some of its pieces', 0, true);
    const reachesEnd = offset + size === recording.spooledBytes;
    const next = await patchUpload(url, offset, new Blob(parts), reachesEnd ? total : null);
    this.offset = next;
    const ackedMs = await spool.release(this.mediaId, next);
    this.report(next, recording.spooledBytes, ackedMs, false);
    if (reachesEnd && total !== null && next >= total) {
      this.finish();
      return false;
    }
    return true;
  }

  private async lengthKnown(url: string): Promise<boolean> {
    const response = await fetch(url, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
    return response.headers.has('upload-length');
  }

  private finish(): void {
    this.finished = true;
    this.close();
    void spool.remove(this.mediaId).then(() => this.listeners.onDone?.());
  }

  private report(ackedBytes: number, spooledBytes: number, ackedMs: number, waiting: boolean): void {
    this.listeners.onProgress?.({ ackedBytes, spooledBytes, ackedMs, waiting });
  }
}
