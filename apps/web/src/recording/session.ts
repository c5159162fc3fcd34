import type { Media } from '@tidings/contracts';
import { discardMedia, stopRecording } from '../features/media/api';
import { spool } from './spool';
import { SpoolUploader, type UploadProgress } from './uploader';

export interface SessionState {
  phase: 'recording' | 'paused' | 'stopped';
  elapsedMs: number;
  upload: UploadProgress;
  /** Everything is on the server. */
  uploaded: boolean;
  /** The upload cannot go on (the message says why); the chunks stay in the browser. */
  uploadError: string | null;
  /** A local copy for the preview after stopping. */
  previewUrl: string | null;
}

/**
 * One recording from start to the last byte on the server: MediaRecorder emits a chunk every
 * second; each chunk goes to the spool first, then the uploader is kicked. Time is counted from
 * the recorder's own start/pause/resume so pauses are not part of the duration.
 */
export class RecordingSession {
  readonly recorder: MediaRecorder;
  private readonly uploader: SpoolUploader;
  private readonly memory: Blob[] = [];
  private appends: Promise<unknown> = Promise.resolve();
  private startedAt = 0;
  private pausedAt = 0;
  private pausedMs = 0;
  private ticker: ReturnType<typeof setInterval> | null = null;
  state: SessionState;

  constructor(
    readonly media: Media,
    stream: MediaStream,
    readonly mimeType: string,
    private readonly maxMs: number,
    private readonly onChange: (state: SessionState) => void,
  ) {
    this.state = {
      phase: 'recording',
      elapsedMs: 0,
      upload: { ackedBytes: 0, spooledBytes: 0, ackedMs: 0, waiting: false },
      uploaded: false,
      uploadError: null,
      previewUrl: null,
    };
    this.uploader = new SpoolUploader(media.id, {
      onProgress: (upload) => this.set({ upload }),
      onDone: () =>
        this.set({
          uploaded: true,
          upload: { ...this.state.upload, ackedBytes: this.state.upload.spooledBytes, waiting: false },
        }),
      onFatal: (message) => this.set({ uploadError: message }),
    });
    this.recorder = new MediaRecorder(stream, {
      mimeType,
      videoBitsPerSecond: mimeType.startsWith('video') ? 2_500_000 : undefined,
      audioBitsPerSecond: 96_000,
    });
    this.recorder.ondataavailable = (event) => this.onChunk(event.data);
  }

  /** Registers the recording in the spool, then starts MediaRecorder with 1-second chunks. */
  static async start(
    created: { media: Media; uploadEndpoint: string },
    stream: MediaStream,
    mimeType: string,
    maxMs: number,
    onChange: (state: SessionState) => void,
  ): Promise<RecordingSession> {
    const { media, uploadEndpoint } = created;
    await spool.put({
      mediaId: media.id,
      uploadUrl: null,
      uploadEndpoint,
      kind: media.kind,
      title: media.title,
      mimeType,
      shareUrl: media.shareUrl,
      startedAt: Date.now(),
      spooledBytes: 0,
      ackedBytes: 0,
      ackedMs: 0,
      recordedMs: 0,
      stopped: false,
      stopSent: false,
    });
    const session = new RecordingSession(media, stream, mimeType, maxMs, onChange);
    session.begin();
    return session;
  }

  private begin(): void {
    // Timed from start(), not from the 'start' event: the file's timeline begins with the first
    // frame after start(), while the event can come much later (encoder set-up, measured ~0.7 s
    // for a 1080p canvas), which made durations short.
    this.startedAt = performance.now();
    this.recorder.start(1000);
    this.ticker = setInterval(() => {
      const elapsedMs = this.elapsed();
      this.set({ elapsedMs });
      if (elapsedMs >= this.maxMs && this.state.phase !== 'stopped') void this.stop();
    }, 200);
    this.uploader.kick();
  }

  elapsed(): number {
    if (!this.startedAt) return 0;
    const now = this.state.phase === 'paused' ? this.pausedAt : performance.now();
    return Math.max(0, Math.round(now - this.startedAt - this.pausedMs));
  }

  pause(): void {
    if (this.recorder.state !== 'recording') return;
    this.recorder.pause();
    this.pausedAt = performance.now();
    this.set({ phase: 'paused' });
  }

  resume(): void {
    if (this.recorder.state !== 'paused') return;
    this.pausedMs += performance.now() - this.pausedAt;
    this.recorder.resume();
    this.set({ phase: 'recording' });
  }

  /**
   * Stops: the link is live at once (POST /stop), while the last chunks are spooled and flushed;
   * the final PATCH declares the length.
   */
  async stop(): Promise<void> {
    if (this.state.phase === 'stopped') return;
    const durationMs = this.elapsed();
    if (this.ticker) clearInterval(this.ticker);
    const stopped = new Promise<void>((resolve) => {
      this.recorder.onstop = () => resolve();
    });
    this.recorder.stop();
    this.set({ phase: 'stopped', elapsedMs: durationMs });
    const stopSent = stopRecording(this.media.id, durationMs)
      .then(() => spool.update(this.media.id, { stopSent: true }))
      .catch(() => undefined); // recovery sends it again on the next visit
    await stopped;
    await this.appends;
    await spool.update(this.media.id, { stopped: true, recordedMs: durationMs });
    this.uploader.kick();
    this.set({ previewUrl: URL.createObjectURL(new Blob(this.memory, { type: this.mimeType })) });
    await stopSent;
  }

  /** Throws the recording away: locally and on the server. */
  async cancel(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.recorder.ondataavailable = null;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.uploader.close();
    if (this.state.previewUrl) URL.revokeObjectURL(this.state.previewUrl);
    await this.appends;
    await spool.remove(this.media.id);
    await discardMedia(this.media.id);
  }

  /** The dialog closed after stopping: the upload carries on in the background. */
  detach(): void {
    if (this.state.previewUrl) URL.revokeObjectURL(this.state.previewUrl);
  }

  private onChunk(data: Blob): void {
    if (data.size === 0) return;
    this.memory.push(data);
    const endMs = this.elapsed();
    // Serialized so chunks land in the spool in recording order.
    this.appends = this.appends
      .then(() => spool.append(this.media.id, data, endMs))
      .then(() => {
        this.set({
          upload: { ...this.state.upload, spooledBytes: this.state.upload.spooledBytes + data.size },
        });
        this.uploader.kick();
      })
      .catch((error: unknown) =>
        this.set({ uploadError: `Could not keep the recording in this browser: ${String(error)}` }),
      );
  }

  private set(change: Partial<SessionState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}
