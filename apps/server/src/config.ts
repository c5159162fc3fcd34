import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  type InboundMailConfig,
  inboundMailConfig,
  type SmtpConfig,
  type StorageConfig,
  type SttConfig,
  storageConfig,
  sttConfig,
} from './config-sections';
import { parseCidrList } from './lib/networks';

export { ConfigError, type InboundMailConfig, type SmtpConfig, type StorageConfig, type SttConfig };

/**
 * Every setting Tidings reads from the environment, parsed and validated once at start-up.
 * Each `.describe()` is the setting's documentation: README's settings table is generated from
 * it (`npm run docs:settings`) and a test fails when the two drift apart.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const settingsSchema = z.object({
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3000)
    .describe('TCP port the HTTP server listens on.'),
  HOST: z.string().default('0.0.0.0').describe('Interface the HTTP server binds to.'),
  PUBLIC_URL: z
    .url()
    .optional()
    .describe(
      'Address people use to reach Tidings, used in invite and share links. Default: `http://localhost:<PORT>`.',
    ),
  DATA_DIR: z
    .string()
    .default('./data')
    .describe('Directory for the embedded database, uploaded media and other files. Created if missing.'),
  DATABASE_URL: z
    .string()
    .optional()
    .describe(
      'Database to use: `postgres://user:pass@host:5432/db` for PostgreSQL, or `sqlite:/path/file.db`. Default: SQLite at `<DATA_DIR>/tidings.db`.',
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Minimum level of the JSON logs written to standard output.'),
  TRUST_PROXY: bool
    .default(false)
    .describe(
      'Set to `true` behind a reverse proxy so client IPs and https come from X-Forwarded-* headers.',
    ),
  SESSION_TTL_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .describe('Days a sign-in stays valid without being used.'),
  SIGN_IN_LIMIT_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Failed sign-ins allowed from one IP address per 15 minutes before it is refused.'),
  SIGN_IN_LIMIT_PER_ACCOUNT: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Failed sign-ins allowed for one email address per 15 minutes before it is refused.'),
  MAX_JSON_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1_048_576)
    .describe('Largest JSON request body accepted, in bytes; larger requests get 413.'),
  MAX_AVATAR_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024)
    .describe('Largest avatar image accepted, in bytes; larger uploads get 413.'),
  WEB_DIST_DIR: z
    .string()
    .optional()
    .describe('Directory of the built web app to serve. Default: `apps/web/dist` in this checkout.'),
  SMTP_HOST: z
    .string()
    .min(1)
    .optional()
    .describe(
      'SMTP server for outgoing email. When unset, emails are written as `.eml` files to `<DATA_DIR>/outbox/` and listed on the admin page.',
    ),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587).describe('Port of the SMTP server.'),
  SMTP_SECURE: bool
    .default(false)
    .describe(
      '`true` for TLS from the first byte (usually port 465); `false` upgrades with STARTTLS when the server offers it (port 587 or 25).',
    ),
  SMTP_USER: z.string().min(1).optional().describe('User name for SMTP authentication; none when unset.'),
  SMTP_PASSWORD: z.string().optional().describe('Password for SMTP authentication.'),
  SMTP_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(30_000)
    .describe(
      'How long to wait for the SMTP server to connect, greet or answer before a send fails (it is retried with backoff).',
    ),
  MAIL_FROM: z
    .string()
    .min(3)
    .optional()
    .describe(
      'From address of outgoing email, e.g. `Tidings <tidings@example.com>`. Default: `Tidings <tidings@<host of PUBLIC_URL>>`.',
    ),
  SECRET_KEY: z
    .string()
    .min(32)
    .optional()
    .describe(
      'At least 32 random characters used to sign links in emails (unsubscribe). Default: a random secret generated on first start and stored in the database.',
    ),
  MEDIA_ACCEL_REDIRECT: z
    .string()
    .regex(/^\/[\w./-]*\/$/, { message: 'A path that starts and ends with /, e.g. /_tidings_blobs/' })
    .optional()
    .describe(
      'Behind nginx with local storage: after checking a media request, answer `X-Accel-Redirect: <this><blob key>` so nginx sends the bytes (sendfile). Point an `internal` location with this path at `<DATA_DIR>/blobs/` (nginx example in docs/ARCHITECTURE.md, Media playback).',
    ),
  SMTP_IN_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(2525)
    .describe('Port the inbound SMTP listener (role `smtp`, or `all`) accepts email replies on.'),
  SMTP_IN_HOST: z.string().default('0.0.0.0').describe('Interface the inbound SMTP listener binds to.'),
  SMTP_IN_ENABLED: bool
    .default(false)
    .describe('Also listen for email replies in role `all` (role `smtp` always does).'),
  REPLY_DOMAIN: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Domain of reply addresses (`reply+<token>@<REPLY_DOMAIN>`); its MX must point at the inbound SMTP listener. Default: the host of PUBLIC_URL.',
    ),
  MAX_INBOUND_MAIL_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024)
    .describe('Largest email reply accepted, attachments included; larger ones are refused with SMTP 552.'),
  SMTP_IN_MAX_CONNECTIONS_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe(
      'Open connections one client address (an IPv6 /64) may hold on each inbound SMTP listener; more are answered `421` and closed.',
    ),
  SMTP_IN_CONNECTIONS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(60)
    .describe(
      'New inbound SMTP connections one client address may open per minute on each listener; more get `421`.',
    ),
  SMTP_IN_FAILED_RECIPIENTS_PER_15MIN: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe(
      'Refused reply addresses (unknown token, wrong sender) one client address may try per 15 minutes, counted across all listeners; then every recipient gets `450` until the window ends.',
    ),
  SMTP_IN_MESSAGES_PER_ADDRESS_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe(
      'Replies posted through one reply address per hour, from anyone (stops mail loops and floods into a thread); more get `452`.',
    ),
  SMTP_IN_TRUSTED_NETWORKS: z
    .string()
    .optional()
    .refine((v) => parseCidrList(v) !== null, {
      message: 'Comma-separated networks, e.g. 10.0.0.0/8,2001:db8::/32',
    })
    .describe(
      'Comma-separated CIDRs (e.g. your own MX relaying to Tidings) exempt from the per-client connection and failed-recipient limits (not from SMTP_IN_MESSAGES_PER_ADDRESS_PER_HOUR). Default: none.',
    ),
  STORAGE: z
    .enum(['local', 's3'])
    .default('local')
    .describe(
      'Where recordings and other files are kept: `local` (under `<DATA_DIR>/blobs`) or `s3` (any S3-compatible service; set the `S3_*` settings).',
    ),
  S3_ENDPOINT: z
    .url()
    .optional()
    .describe('S3 endpoint URL, e.g. `https://s3.eu-west-1.amazonaws.com` or a MinIO address. Default: AWS.'),
  S3_BUCKET: z.string().min(1).optional().describe('S3 bucket for files; required when `STORAGE=s3`.'),
  S3_REGION: z.string().min(1).default('us-east-1').describe('S3 region.'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional().describe('S3 access key id.'),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional().describe('S3 secret access key.'),
  S3_FORCE_PATH_STYLE: bool
    .default(false)
    .describe(
      '`true` for services that need `endpoint/bucket/key` addresses (MinIO, most self-hosted ones).',
    ),
  FFMPEG_PATH: z
    .string()
    .min(1)
    .optional()
    .describe(
      "ffmpeg binary used to process recordings. Default: `ffmpeg` on the PATH (your distribution's, preferred for untrusted media), else the one shipped in the `@ffmpeg-installer/ffmpeg` npm package.",
    ),
  FFPROBE_PATH: z
    .string()
    .min(1)
    .optional()
    .describe(
      'ffprobe binary used to inspect uploads. Default: `ffprobe` on the PATH, else the one shipped in the `@ffprobe-installer/ffprobe` npm package.',
    ),
  MEDIA_JOB_TIMEOUT_S: z.coerce
    .number()
    .int()
    .min(5)
    .default(1800)
    .describe(
      'Longest time one recording may take to process (probe, remux or transcode, poster, preview) before it fails; a probe alone gets at most 30 s of it.',
    ),
  STT_ENGINE: z
    .enum(['pocketsphinx', 'whisper', 'openai-compatible', 'none'])
    .optional()
    .describe(
      'Speech-to-text engine for transcripts: `pocketsphinx` (Debian `pocketsphinx` + `pocketsphinx-en-us`, English only), `whisper` (whisper.cpp CLI with a model file), `openai-compatible` (any `/v1/audio/transcriptions` server) or `none`. Default: `pocketsphinx` when it is installed, else `none`.',
    ),
  STT_TIMEOUT_S: z.coerce
    .number()
    .int()
    .min(1)
    .default(600)
    .describe(
      'Longest time one speech-to-text run (one window of audio) may take before it is killed and fails.',
    ),
  POCKETSPHINX_PATH: z
    .string()
    .min(1)
    .default('pocketsphinx_continuous')
    .describe(
      'pocketsphinx binary used by `STT_ENGINE=pocketsphinx` (Debian 12: `pocketsphinx_continuous` from the `pocketsphinx` package, run with `-time yes`).',
    ),
  WHISPER_CLI_PATH: z
    .string()
    .min(1)
    .default('whisper-cli')
    .describe(
      'whisper.cpp command-line binary (`whisper-cli`, formerly `main`) used by `STT_ENGINE=whisper`.',
    ),
  WHISPER_MODEL_PATH: z
    .string()
    .min(1)
    .optional()
    .describe(
      'whisper.cpp ggml model file for `STT_ENGINE=whisper`, e.g. one fetched with `tidings models pull base.en`. Default: `<WHISPER_MODELS_DIR>/ggml-base.en.bin`.',
    ),
  WHISPER_MODELS_DIR: z
    .string()
    .min(1)
    .optional()
    .describe('Directory `tidings models pull` downloads whisper models into. Default: `<DATA_DIR>/models`.'),
  STT_OPENAI_URL: z
    .url()
    .optional()
    .describe(
      'Base URL of an OpenAI-compatible speech-to-text server for `STT_ENGINE=openai-compatible` (whisper.cpp server, faster-whisper servers, LocalAI), e.g. `http://127.0.0.1:8080`; `/v1/audio/transcriptions` is appended.',
    ),
  STT_OPENAI_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('Bearer token sent to `STT_OPENAI_URL`; none when unset.'),
  STT_OPENAI_MODEL: z.string().min(1).default('whisper-1').describe('Model name sent to `STT_OPENAI_URL`.'),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string;
  logLevel: Settings['LOG_LEVEL'];
  trustProxy: boolean;
  sessionTtlMs: number;
  signInLimitPerIp: number;
  signInLimitPerAccount: number;
  maxJsonBodyBytes: number;
  maxAvatarBytes: number;
  webDistDir: string;
  /** Outgoing SMTP server, or null to write `.eml` files to the outbox. */
  smtp: SmtpConfig | null;
  smtpTimeoutMs: number;
  mailFrom: string;
  secretKey: string | null;
  /** Inbound SMTP: reply addresses and the listener (features/inbound-mail). */
  inboundMail: InboundMailConfig;
  /** Where blobs live: local disk under `<DATA_DIR>/blobs`, or an S3-compatible bucket. */
  storage: StorageConfig;
  /** ffmpeg/ffprobe from the settings, or null to look them up (see adapters/media-tool). */
  ffmpegPath: string | null;
  ffprobePath: string | null;
  mediaJobTimeoutMs: number;
  mediaProbeTimeoutMs: number;
  /** nginx internal location prefix for X-Accel-Redirect, or null to stream media ourselves. */
  mediaAccelRedirect: string | null;
  /** Speech-to-text settings; see adapters/speech. */
  stt: SttConfig;
}

/** Parses the environment into a Config, or throws a ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const s = parsed.data;
  const dataDir = path.resolve(s.DATA_DIR);
  const publicUrl = (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, '');
  return {
    port: s.PORT,
    host: s.HOST,
    publicUrl,
    dataDir,
    databaseUrl: s.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'tidings.db')}`,
    logLevel: s.LOG_LEVEL,
    trustProxy: s.TRUST_PROXY,
    sessionTtlMs: s.SESSION_TTL_DAYS * 24 * 3600 * 1000,
    signInLimitPerIp: s.SIGN_IN_LIMIT_PER_IP,
    signInLimitPerAccount: s.SIGN_IN_LIMIT_PER_ACCOUNT,
    maxJsonBodyBytes: s.MAX_JSON_BODY_BYTES,
    maxAvatarBytes: s.MAX_AVATAR_BYTES,
    webDistDir: path.resolve(s.WEB_DIST_DIR ?? defaultWebDistDir()),
    smtp: s.SMTP_HOST
      ? {
          host: s.SMTP_HOST,
          port: s.SMTP_PORT,
          secure: s.SMTP_SECURE,
          user: s.SMTP_USER ?? null,
          password: s.SMTP_PASSWORD ?? null,
        }
      : null,
    smtpTimeoutMs: s.SMTP_TIMEOUT_MS,
    mailFrom: s.MAIL_FROM ?? `Tidings <tidings@${new URL(publicUrl).hostname}>`,
    secretKey: s.SECRET_KEY ?? null,
    inboundMail: inboundMailConfig(s, publicUrl),
    storage: storageConfig(s),
    ffmpegPath: s.FFMPEG_PATH ?? null,
    ffprobePath: s.FFPROBE_PATH ?? null,
    mediaJobTimeoutMs: s.MEDIA_JOB_TIMEOUT_S * 1000,
    mediaProbeTimeoutMs: Math.min(30, s.MEDIA_JOB_TIMEOUT_S) * 1000,
    mediaAccelRedirect: s.STORAGE === 'local' ? (s.MEDIA_ACCEL_REDIRECT ?? null) : null,
    stt: sttConfig(s, dataDir),
  };
}

function defaultWebDistDir(): string {
  return path.resolve(import.meta.dirname, '../../web/dist');
}
