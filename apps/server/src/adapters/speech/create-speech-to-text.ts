import type { SttConfig } from '../../config';
import { noSpeechEngine } from './none';
import { openAiCompatibleEngine } from './openai-compatible';
import { pocketsphinxEngine, pocketsphinxInstalled } from './pocketsphinx';
import type { SpeechToText } from './speech-to-text';
import { whisperEngine } from './whisper';

export type EngineName = SpeechToText['name'];

/** Every engine as configured (for the admin status page); `none` needs nothing. */
export function buildEngine(name: EngineName, config: SttConfig): SpeechToText {
  switch (name) {
    case 'pocketsphinx':
      return pocketsphinxEngine({ binary: config.pocketsphinxPath, timeoutMs: config.timeoutMs });
    case 'whisper':
      return whisperEngine({
        binary: config.whisperCliPath,
        modelPath: config.whisperModelPath,
        timeoutMs: config.timeoutMs,
      });
    case 'openai-compatible':
      return config.openaiUrl
        ? openAiCompatibleEngine({
            url: config.openaiUrl,
            key: config.openaiKey,
            model: config.openaiModel,
            timeoutMs: config.timeoutMs,
          })
        : noSpeechEngine('Set STT_OPENAI_URL to the base URL of an OpenAI-compatible transcription server.');
    case 'none':
      return noSpeechEngine();
  }
}

/** STT_ENGINE, or by default pocketsphinx when it is installed, else none. */
export function createSpeechToText(config: SttConfig): SpeechToText {
  const name = config.engine ?? (pocketsphinxInstalled(config.pocketsphinxPath) ? 'pocketsphinx' : 'none');
  return buildEngine(name, config);
}
