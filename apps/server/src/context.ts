import type { Kysely } from 'kysely';
import pino, { type Logger } from 'pino';
import type { BlobStore } from './adapters/blob/blob-store';
import { createBlobStore } from './adapters/blob/create-blob-store';
import { type DatabaseHandle, openDatabase } from './adapters/db/database';
import { type ImageProcessor, sharpImageProcessor } from './adapters/images/image-processor';
import { createMailTransport } from './adapters/mail/create-mail-transport';
import type { MailTransport } from './adapters/mail/mail-transport';
import { ffmpegMediaTool } from './adapters/media-tool/ffmpeg-media-tool';
import type { MediaTool } from './adapters/media-tool/media-tool';
import { argon2idHasher, type PasswordHasher } from './adapters/passwords/password-hasher';
import { createLiveEvents } from './adapters/pubsub/create-live-events';
import type { LiveEvents } from './adapters/pubsub/live-events';
import { createSpeechToText } from './adapters/speech/create-speech-to-text';
import type { SpeechToText } from './adapters/speech/speech-to-text';
import { createUploadStaging } from './adapters/upload-staging/create-upload-staging';
import type { UploadStaging } from './adapters/upload-staging/upload-staging';
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
  /** tus uploads in progress: the bucket when STORAGE=s3, else `<DATA_DIR>/uploads`. */
  uploadStaging: UploadStaging;
  images: ImageProcessor;
  /** ffmpeg/ffprobe, confined (local files only, time limits); see adapters/media-tool. */
  media: MediaTool;
  /** Live updates fan-out (SSE); see adapters/pubsub. */
  live: LiveEvents;
  /** Outgoing email: SMTP when SMTP_HOST is set, else `.eml` files in `<DATA_DIR>/outbox/`. */
  mail: MailTransport;
  /** Speech-to-text engine chosen by STT_ENGINE (default: pocketsphinx if installed, else none). */
  stt: SpeechToText;
  log: Logger;
  /** Current time in epoch ms; tests replace it to travel in time. */
  now: () => number;
}

export async function createContext(
  config: Config,
  overrides: Partial<AppContext> = {},
): Promise<AppContext> {
  const database = overrides.database ?? openDatabase(config.databaseUrl);
  const log = overrides.log ?? pino({ level: config.logLevel, base: { service: 'tidings' } });
  const now = overrides.now ?? Date.now;
  const blobs = overrides.blobs ?? (await createBlobStore(config));
  return {
    config,
    database,
    db: database.db,
    hasher: argon2idHasher(),
    blobs,
    uploadStaging: overrides.uploadStaging ?? (await createUploadStaging(config, blobs)),
    images: sharpImageProcessor(),
    media: ffmpegMediaTool({
      ffmpegPath: config.ffmpegPath,
      ffprobePath: config.ffprobePath,
      probeTimeoutMs: config.mediaProbeTimeoutMs,
    }),
    live: createLiveEvents(database, { url: config.databaseUrl, log, now }),
    mail: overrides.mail ?? createMailTransport(config, now),
    stt: overrides.stt ?? createSpeechToText(config.stt),
    log,
    now,
    ...overrides,
  };
}
