import { SpeechError } from './speech-error';
import type { SpeechToText } from './speech-to-text';

export const TURN_ON_HINT =
  'Transcription is off. To turn it on, install the Debian packages pocketsphinx and pocketsphinx-en-us (English), or set STT_ENGINE=openai-compatible with STT_OPENAI_URL, or STT_ENGINE=whisper with a model (`tidings models pull base.en`).';

/** Transcription off: media still works, transcripts say how to turn it on. */
export function noSpeechEngine(reason = TURN_ON_HINT): SpeechToText {
  return {
    name: 'none',
    async status() {
      return { available: false, detail: reason };
    },
    async transcribe() {
      throw new SpeechError('unavailable', reason);
    },
  };
}
