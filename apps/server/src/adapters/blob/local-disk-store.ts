import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './blob-store';

/** Files under a root directory; a sidecar `.type` file keeps each blob's content type. */
export function localDiskStore(root: string): BlobStore {
  const fileFor = (key: string) => {
    const file = path.resolve(root, key);
    // Keys come from our code, but refuse any that would escape the root all the same.
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error(`Invalid blob key: ${key}`);
    return file;
  };
  return {
    async put(key, data, contentType) {
      const file = fileFor(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.writeFile(`${file}.type`, contentType);
      await fs.rename(tmp, file);
    },
    async get(key) {
      const file = fileFor(key);
      try {
        const [stat, contentType] = await Promise.all([fs.stat(file), fs.readFile(`${file}.type`, 'utf8')]);
        return { stream: createReadStream(file), size: stat.size, contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      const file = fileFor(key);
      await fs.rm(file, { force: true });
      await fs.rm(`${file}.type`, { force: true });
    },
  };
}
