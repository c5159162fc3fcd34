import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The official source: whisper.cpp's models on Hugging Face. */
export const DEFAULT_MODELS_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main';

/**
 * SHA-1 sums published in whisper.cpp's models/README.md (the project publishes SHA-1, not
 * SHA-256); `--sha256` checks a SHA-256 the person supplies instead.
 */
export const KNOWN_MODELS: Record<string, { sha1: string; size: string }> = {
  tiny: { sha1: 'bd577a113a864445d4c299885e0cb97d4ba92b5f', size: '75 MiB' },
  'tiny.en': { sha1: 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df', size: '75 MiB' },
  base: { sha1: '465707469ff3a37a2b9b8d8f89f2f99de7299dac', size: '142 MiB' },
  'base.en': { sha1: '137c40403d78fd54d454da0f9bd998f78703390c', size: '142 MiB' },
  small: { sha1: '55356645c2b361a969dfd0ef2c5a50d530afd8d5', size: '466 MiB' },
  'small.en': { sha1: 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022', size: '466 MiB' },
  medium: { sha1: 'fd9727b6e1217c2f614f9b698455c4ffd82463b4', size: '1.5 GiB' },
  'medium.en': { sha1: '8c30f0e44ce9560643ebd10bbe50cd20eafd3723', size: '1.5 GiB' },
  'large-v3': { sha1: 'ad82bf6a9043ceed055076d0fd39f5f186ff8062', size: '2.9 GiB' },
};

export type Checksum = { algorithm: 'sha1' | 'sha256'; hex: string };

export interface PullOptions {
  name: string;
  dir: string;
  baseUrl: string;
  /** Overrides the known sum; required for names not in KNOWN_MODELS. */
  sha256?: string | undefined;
  /** Called as bytes arrive (total null when the server does not say). */
  onProgress?: (received: number, total: number | null) => void;
}

export class ModelPullError extends Error {}

export function modelFileName(name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new ModelPullError(`"${name}" is not a model name.`);
  return `ggml-${name}.bin`;
}

/**
 * Downloads `<baseUrl>/ggml-<name>.bin` into `<dir>/<name>.partial`, resuming a partial file
 * with an HTTP Range request, checks the checksum, then renames it into place atomically.
 */
export async function pullModel(
  options: PullOptions,
): Promise<{ path: string; bytes: number; checksum: Checksum }> {
  const file = modelFileName(options.name);
  const expected = expectedChecksum(options.name, options.sha256);
  await mkdir(options.dir, { recursive: true });
  const target = path.join(options.dir, file);
  const partial = `${target}.partial`;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/${file}`;

  const already = await stat(partial).then(
    (s) => s.size,
    () => 0,
  );
  let response: Response;
  try {
    response = await fetch(url, {
      headers: already > 0 ? { range: `bytes=${already}-` } : {},
      redirect: 'follow',
    });
  } catch (error) {
    throw new ModelPullError(`Could not reach ${url}: ${(error as Error).message}`);
  }
  if (response.status === 416 && already > 0) {
    // The partial file is already complete (or bigger than the file): check it as it is.
    await response.body?.cancel();
  } else if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ModelPullError(`${url} answered ${response.status} ${response.statusText}`.trim());
  }
  const resuming = response.status === 206 || response.status === 416;
  const hash = createHash(expected.algorithm);
  if (resuming) await hashFile(partial, hash);
  const start = resuming ? already : 0;
  if (response.status !== 416 && response.body) {
    const length = Number(response.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? start + length : null;
    let received = start;
    const counted = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).map(
      (chunk: Buffer) => {
        hash.update(chunk);
        received += chunk.length;
        options.onProgress?.(received, total);
        return chunk;
      },
    );
    await pipeline(counted, createWriteStream(partial, { flags: resuming ? 'a' : 'w' }));
  }
  const actual = hash.digest('hex');
  if (actual !== expected.hex) {
    await rm(partial, { force: true });
    throw new ModelPullError(
      `Checksum mismatch for ${file}: expected ${expected.algorithm} ${expected.hex}, got ${actual}. The download was removed.`,
    );
  }
  await rename(partial, target);
  const { size } = await stat(target);
  return { path: target, bytes: size, checksum: expected };
}

function expectedChecksum(name: string, sha256: string | undefined): Checksum {
  if (sha256) {
    if (!/^[0-9a-f]{64}$/i.test(sha256))
      throw new ModelPullError('--sha256 must be 64 hexadecimal characters.');
    return { algorithm: 'sha256', hex: sha256.toLowerCase() };
  }
  const known = KNOWN_MODELS[name];
  if (!known) {
    throw new ModelPullError(
      `No known checksum for "${name}": pass --sha256, or use one of ${Object.keys(KNOWN_MODELS).join(', ')}.`,
    );
  }
  return { algorithm: 'sha1', hex: known.sha1 };
}

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}
