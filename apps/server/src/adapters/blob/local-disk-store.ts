import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store';

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Files under a root directory; a sidecar `.type` file keeps each blob's content type. */
export function localDiskStore(root: string): BlobStore {
  const fileFor = (key: string) => {
    const file = path.resolve(root, key);
    // Keys come from our code, but refuse any that would escape the root all the same.
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error(`Invalid blob key: ${key}`);
    return file;
  };
  /** Write to a temp file, then rename, so a reader never sees half a file. */
  async function writeAtomically(key: string, contentType: string, write: (tmp: string) => Promise<void>) {
    const file = fileFor(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await write(tmp);
      await fs.writeFile(`${file}.type`, contentType);
      await fs.rename(tmp, file);
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
  return {
    put: (key, data, contentType) => writeAtomically(key, contentType, (tmp) => fs.writeFile(tmp, data)),
    putStream: (key, data, contentType) =>
      writeAtomically(key, contentType, (tmp) => pipeline(data, createWriteStream(tmp))),
    async importFile(key, source, contentType) {
      // A hard link costs nothing whatever the size; copy across file systems.
      await writeAtomically(key, contentType, (tmp) =>
        fs.link(source, tmp).catch(() => fs.copyFile(source, tmp)),
      );
    },
    async get(key) {
      const file = fileFor(key);
      try {
        const [stat, contentType] = await Promise.all([fs.stat(file), fs.readFile(`${file}.type`, 'utf8')]);
        return { stream: createReadStream(file), size: stat.size, contentType };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async getRange(key, start, end) {
      const file = fileFor(key);
      try {
        await fs.access(file);
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
      return createReadStream(file, { start, end });
    },
    async stat(key) {
      const file = fileFor(key);
      try {
        const [stat, contentType] = await Promise.all([fs.stat(file), fs.readFile(`${file}.type`, 'utf8')]);
        return {
          size: stat.size,
          contentType,
          etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
          modifiedAt: Math.floor(stat.mtimeMs),
        };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      const file = fileFor(key);
      await fs.rm(file, { force: true });
      await fs.rm(`${file}.type`, { force: true });
    },
    localPath: (key) => fileFor(key),
  };
}
