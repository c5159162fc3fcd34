import { z } from 'zod';
import { SpeechEngineStatus } from './transcripts';

/** GET /api/admin/speech: the configured engine's state, and every engine's. */
export const SpeechAdminStatus = SpeechEngineStatus.extend({
  /** true when STT_ENGINE was not set and the engine was picked by what is installed. */
  automatic: z.boolean(),
  engines: z.array(SpeechEngineStatus),
});
export type SpeechAdminStatus = z.infer<typeof SpeechAdminStatus>;
