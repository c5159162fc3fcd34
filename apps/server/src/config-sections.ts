import path from 'node:path';
import type { Settings } from './config';
import { parseCidrList } from './lib/networks';

/** Parts of the Config built from several settings each (config.ts stays the list of settings). */

export class ConfigError extends Error {}

export interface SttConfig {
  /** null: pocketsphinx when installed, else none (decided in adapters/speech). */
  engine: 'pocketsphinx' | 'whisper' | 'openai-compatible' | 'none' | null;
  timeoutMs: number;
  pocketsphinxPath: string;
  whisperCliPath: string;
  whisperModelPath: string;
  whisperModelsDir: string;
  openaiUrl: string | null;
  openaiKey: string | null;
  openaiModel: string;
}

export type StorageConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      endpoint: string | null;
      bucket: string;
      region: string;
      accessKeyId: string | null;
      secretAccessKey: string | null;
      forcePathStyle: boolean;
    };

/** Inbound SMTP: reply addresses, the listener and its limits (features/inbound-mail). */
export interface InboundMailConfig {
  port: number;
  host: string;
  enabledInAll: boolean;
  replyDomain: string;
  maxBytes: number;
  limits: {
    connectionsPerIp: number;
    connectionsPerMinute: number;
    failedRecipientsPer15Min: number;
    messagesPerAddressPerHour: number;
    /** CIDRs exempt from the per-client limits (a relay in front). */
    trustedNetworks: string[];
  };
}

export function inboundMailConfig(s: Settings, publicUrl: string): InboundMailConfig {
  return {
    port: s.SMTP_IN_PORT,
    host: s.SMTP_IN_HOST,
    enabledInAll: s.SMTP_IN_ENABLED,
    replyDomain: s.REPLY_DOMAIN ?? new URL(publicUrl).hostname,
    maxBytes: s.MAX_INBOUND_MAIL_BYTES,
    limits: {
      connectionsPerIp: s.SMTP_IN_MAX_CONNECTIONS_PER_IP,
      connectionsPerMinute: s.SMTP_IN_CONNECTIONS_PER_MINUTE,
      failedRecipientsPer15Min: s.SMTP_IN_FAILED_RECIPIENTS_PER_15MIN,
      messagesPerAddressPerHour: s.SMTP_IN_MESSAGES_PER_ADDRESS_PER_HOUR,
      trustedNetworks: parseCidrList(s.SMTP_IN_TRUSTED_NETWORKS) ?? [],
    },
  };
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
}

export function sttConfig(s: Settings, dataDir: string): SttConfig {
  const whisperModelsDir = path.resolve(s.WHISPER_MODELS_DIR ?? path.join(dataDir, 'models'));
  if (s.STT_ENGINE === 'openai-compatible' && !s.STT_OPENAI_URL) {
    throw new ConfigError('Invalid settings:\n  STT_OPENAI_URL: required when STT_ENGINE=openai-compatible');
  }
  return {
    engine: s.STT_ENGINE ?? null,
    timeoutMs: s.STT_TIMEOUT_S * 1000,
    pocketsphinxPath: s.POCKETSPHINX_PATH,
    whisperCliPath: s.WHISPER_CLI_PATH,
    whisperModelPath: path.resolve(s.WHISPER_MODEL_PATH ?? path.join(whisperModelsDir, 'ggml-base.en.bin')),
    whisperModelsDir,
    openaiUrl: s.STT_OPENAI_URL ? s.STT_OPENAI_URL.replace(/\/+$/, '') : null,
    openaiKey: s.STT_OPENAI_KEY ?? null,
    openaiModel: s.STT_OPENAI_MODEL,
  };
}

export function storageConfig(s: Settings): StorageConfig {
  if (s.STORAGE === 'local') return { kind: 'local' };
  if (!s.S3_BUCKET) throw new ConfigError('Invalid settings:\n  S3_BUCKET: required when STORAGE=s3');
  return {
    kind: 's3',
    endpoint: s.S3_ENDPOINT ?? null,
    bucket: s.S3_BUCKET,
    region: s.S3_REGION,
    accessKeyId: s.S3_ACCESS_KEY_ID ?? null,
    secretAccessKey: s.S3_SECRET_ACCESS_KEY ?? null,
    forcePathStyle: s.S3_FORCE_PATH_STYLE,
  };
}
