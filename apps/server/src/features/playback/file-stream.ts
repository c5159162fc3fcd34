import type { FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/**
 * Streams bytes start..end (inclusive) of an open local file into `out` with two reusable buffers per
 * response: read into one while the other is being written, and reuse a buffer only once the
 * socket has taken its bytes. Unlike fs read streams, which allocate a new buffer for every read,
 * this allocates nothing per request, so serving gigabytes costs no garbage collection; memory
 * is bounded at two chunks per response (backpressure comes from awaiting the writes).
 */
export const CHUNK_BYTES = 512 * 1024;
const spare: Buffer[] = [];
const MAX_SPARE = 64;

const take = () => spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);

export async function streamFileRange(
  handle: FileHandle,
  start: number,
  end: number,
  out: Writable,
): Promise<void> {
  const buffers = [take(), take()];
  const writes: Array<Promise<void> | undefined> = [undefined, undefined];
  let clean = false;
  try {
    const closed = new Promise<never>((_, reject) =>
      out.once('close', () => reject(new Error('The client went away'))),
    );
    closed.catch(() => {});
    let position = start;
    for (let i = 0; position <= end; i ^= 1) {
      if (writes[i]) await Promise.race([writes[i], closed]);
      if (out.destroyed) throw new Error('The client went away');
      const buffer = buffers[i] as Buffer;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, end - position + 1), position);
      if (bytesRead === 0) throw new Error('The file is shorter than it was when opened');
      position += bytesRead;
      const chunk = buffer.subarray(0, bytesRead);
      const write = new Promise<void>((resolve, reject) =>
        out.write(chunk, (error) => (error ? reject(error) : resolve())),
      );
      // Awaited later; a failure meanwhile (the client went away) must not go "unhandled".
      write.catch(() => {});
      writes[i] = write;
    }
    await Promise.race([Promise.all(writes), closed]);
    clean = true;
  } finally {
    // After a failure the socket may still hold a buffer: leave those to the garbage collector.
    if (clean && spare.length < MAX_SPARE) spare.push(...buffers);
  }
}
