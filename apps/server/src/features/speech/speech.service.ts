import type { SpeechAdminStatus } from '@tidings/contracts';
import { buildEngine, type EngineName } from '../../adapters/speech/create-speech-to-text';
import type { AppContext } from '../../context';
import { forbidden } from '../../lib/errors';
import { type Actor, isAdmin } from '../accounts/actor';

const ENGINES: EngineName[] = ['pocketsphinx', 'whisper', 'openai-compatible', 'none'];

export function speechService(ctx: AppContext) {
  return {
    /** The engine in use and whether each engine could run here (admins: it names paths and URLs). */
    async engineStatus(actor: Actor): Promise<SpeechAdminStatus> {
      if (!isAdmin(actor)) throw forbidden('Only admins can see the speech-to-text engine status.');
      const current = await ctx.stt.status();
      const engines = await Promise.all(
        ENGINES.map(async (engine) => {
          const state =
            engine === ctx.stt.name ? current : await buildEngine(engine, ctx.config.stt).status();
          return { engine, ...state };
        }),
      );
      return { engine: ctx.stt.name, ...current, automatic: ctx.config.stt.engine === null, engines };
    },
  };
}
