import { spawn } from 'node:child_process';
import { MediaToolError } from './media-tool';

export interface RunOptions {
  timeoutMs: number;
  /** Prefix such as ['nice', '-n', '10'] to run the binary with a lower priority. */
  wrapper: string[];
  onStdout?: (chunk: Buffer) => void;
  /** Keep stdout in memory and return it (ffprobe's JSON). */
  collectStdout?: boolean;
  /** Aborting kills the process group; the promise rejects with `aborted`. */
  signal?: AbortSignal;
}

const STDERR_KEEP = 8 * 1024;
const STDOUT_MAX = 16 * 1024 * 1024;

/**
 * Runs a binary in its own process group with a time limit: on timeout the whole group is
 * killed (SIGKILL: a hung demuxer does not answer SIGTERM) and the promise rejects with
 * `timeout`. Rejects with `failed` on a non-zero exit; the stderr tail rides along.
 */
export function runProcess(bin: string, args: string[], options: RunOptions): Promise<Buffer> {
  const [cmd, ...pre] = [...options.wrapper, bin];
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(cmd as string, [...pre, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (error) {
      reject(new MediaToolError('unavailable', `Could not start ${bin}: ${(error as Error).message}`));
      return;
    }
    let stderr = '';
    const out: Buffer[] = [];
    let outBytes = 0;
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      options.onStdout?.(chunk);
      if (options.collectStdout && outBytes < STDOUT_MAX) {
        out.push(chunk);
        outBytes += chunk.length;
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new MediaToolError('unavailable', `Could not start ${bin}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (aborted) {
        reject(
          new MediaToolError('aborted', `${baseName(bin)} was stopped: its result is not needed`, stderr),
        );
      } else if (timedOut) {
        reject(
          new MediaToolError(
            'timeout',
            `${baseName(bin)} did not finish within ${seconds(options.timeoutMs)}`,
            stderr,
          ),
        );
      } else if (code === 0) {
        resolve(Buffer.concat(out));
      } else if (options.wrapper.length > 0 && (code === 126 || code === 127)) {
        // `nice` could not run the binary: missing or not executable.
        reject(new MediaToolError('unavailable', `Could not start ${bin}: ${lastLine(stderr)}`, stderr));
      } else {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
        reject(new MediaToolError('failed', `${baseName(bin)} ${why}: ${lastLine(stderr)}`, stderr));
      }
    });
  });
}

const baseName = (bin: string) => bin.split('/').pop() ?? bin;
const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);
export const lastLine = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-1)[0]
    ?.trim() ?? '';
