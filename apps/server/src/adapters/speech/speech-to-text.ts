/** One recognised word with its place in the audio. */
export interface RecognisedWord {
  text: string;
  startMs: number;
  endMs: number;
  /** 0–1; engines without a score report 1. Low-confidence words are shown dimmed. */
  confidence: number;
}

export interface TranscribeOptions {
  /** BCP 47 / ISO 639-1 code such as "en"; undefined lets the engine detect or use its default. */
  language?: string | undefined;
  /** Aborts the run (the engine must kill its process or request). */
  signal?: AbortSignal | undefined;
}

export interface TranscriptionResult {
  words: RecognisedWord[];
  /** The language the engine used or detected. */
  language: string;
  /** e.g. "pocketsphinx", "whisper:ggml-base.en", "openai-compatible:whisper-1". */
  engine: string;
}

/**
 * A speech-to-text engine, chosen at start-up (STT_ENGINE). `transcribe` gets a 16 kHz mono
 * 16-bit WAV file of a manageable length (the pipeline cuts long media into overlapping windows).
 */
export interface SpeechToText {
  readonly name: 'pocketsphinx' | 'whisper' | 'openai-compatible' | 'none';
  /**
   * How much audio to hand over at once. Engines that stream long audio themselves take long
   * windows: every cut splits an utterance and costs accuracy. Default: the pipeline's 30 s.
   */
  readonly windowMs?: number;
  /** For the admin status page: is it usable, and if not, what to do. */
  status(): Promise<{ available: boolean; detail: string }>;
  transcribe(wavPath: string, options?: TranscribeOptions): Promise<TranscriptionResult>;
}
