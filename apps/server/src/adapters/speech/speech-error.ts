import { MediaToolError } from '../media-tool/media-tool';

export type SpeechFailure = 'unavailable' | 'timeout' | 'failed' | 'aborted' | 'bad_response';

/** A transcription that could not be made; `message` is shown as the transcript's status. */
export class SpeechError extends Error {
  constructor(
    readonly failure: SpeechFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SpeechError';
  }
}

/** Process failures (from runProcess) become speech errors with the same message. */
export function toSpeechError(error: unknown): SpeechError {
  if (error instanceof SpeechError) return error;
  if (error instanceof MediaToolError) {
    const failure =
      error.failure === 'timeout' || error.failure === 'aborted'
        ? error.failure
        : error.failure === 'unavailable'
          ? 'unavailable'
          : 'failed';
    return new SpeechError(failure, error.message);
  }
  return new SpeechError('failed', (error as Error).message ?? String(error));
}
