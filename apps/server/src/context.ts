import path from 'node:path';
import type { Kysely } from 'kysely';
import pino, { type Logger } from 'pino';
import type { BlobStore } from './adapters/blob/blob-store';
import { localDiskStore } from './adapters/blob/local-disk-store';
import { type DatabaseHandle, openDatabase } from './adapters/db/database';
import { type ImageProcessor, sharpImageProcessor } from './adapters/images/image-processor';
import { argon2idHasher, type PasswordHasher } from './adapters/passwords/password-hasher';
import { inProcessLiveEvents } from './adapters/pubsub/in-process-live-events';
import type { LiveEvents } from './adapters/pubsub/live-events';
import type { Config } from './config';
import type { Database } from './db/schema';

/**
 * Everything a use case may depend on. Adapters are chosen here, once, from the config;
 * services receive the context and never import a driver themselves.
 */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Kysely<Database>;
  hasher: PasswordHasher;
  blobs: BlobStore;
  images: ImageProcessor;
  /** Live updates fan-out (SSE); see adapters/pubsub. */
  live: LiveEvents;
  log: Logger;
  /** Current time in epoch ms; tests replace it to travel in time. */
  now: () => number;
}

export function createContext(config: Config, overrides: Partial<AppContext> = {}): AppContext {
  const database = overrides.database ?? openDatabase(config.databaseUrl);
  return {
    config,
    database,
    db: database.db,
    hasher: argon2idHasher(),
    blobs: localDiskStore(path.join(config.dataDir, 'blobs')),
    images: sharpImageProcessor(),
    live: inProcessLiveEvents(),
    log: pino({ level: config.logLevel, base: { service: 'tidings' } }),
    now: Date.now,
    ...overrides,
  };
}
