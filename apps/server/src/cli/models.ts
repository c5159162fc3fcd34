import { parseArgs } from 'node:util';
import {
  DEFAULT_MODELS_URL,
  KNOWN_MODELS,
  ModelPullError,
  pullModel,
} from '../adapters/speech/model-download';
import type { Config } from '../config';

export const MODELS_USAGE = `Usage: tidings models pull <name> [--sha256 HEX] [--from URL] [--dir DIR]
       tidings models list

Downloads a whisper.cpp ggml model (e.g. base.en, small) from ${DEFAULT_MODELS_URL}
(or --from / TIDINGS_MODELS_URL) into WHISPER_MODELS_DIR, checking its checksum. An interrupted
download resumes where it stopped.`;

/** `tidings models …`; returns the exit code. */
export async function modelsCommand(
  config: Config,
  args: string[],
  stderr: NodeJS.WritableStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { sha256: { type: 'string' }, from: { type: 'string' }, dir: { type: 'string' } },
  });
  const [sub, name] = positionals;
  if (sub === 'list') {
    for (const [model, info] of Object.entries(KNOWN_MODELS)) console.log(`${model.padEnd(10)} ${info.size}`);
    return 0;
  }
  if (sub !== 'pull' || !name) {
    stderr.write(`${MODELS_USAGE}\n`);
    return 2;
  }
  const bar = progressBar(stderr);
  try {
    const result = await pullModel({
      name,
      dir: values.dir ?? config.stt.whisperModelsDir,
      baseUrl: values.from ?? env.TIDINGS_MODELS_URL ?? DEFAULT_MODELS_URL,
      sha256: values.sha256,
      onProgress: bar,
    });
    stderr.write('\n');
    console.log(`Saved ${result.path} (${result.bytes} bytes, ${result.checksum.algorithm} ok).`);
    console.log(`Use it with STT_ENGINE=whisper WHISPER_MODEL_PATH=${result.path}`);
    return 0;
  } catch (error) {
    stderr.write('\n');
    if (!(error instanceof ModelPullError)) throw error;
    stderr.write(`${error.message}\n`);
    return 1;
  }
}

/** A one-line bar redrawn at most every 200 ms: `[#####-----]  52%  73.4/141.1 MB`. */
function progressBar(out: NodeJS.WritableStream) {
  let last = 0;
  return (received: number, total: number | null) => {
    const now = Date.now();
    if (now - last < 200 && received !== total) return;
    last = now;
    const mb = (n: number) => (n / 1e6).toFixed(1);
    if (total === null) {
      out.write(`\r${mb(received)} MB`);
      return;
    }
    const share = Math.min(1, received / total);
    const filled = Math.round(share * 30);
    out.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${mb(received)}/${mb(total)} MB`,
    );
  };
}
