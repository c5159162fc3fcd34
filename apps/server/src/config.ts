import path from 'node:path';
import { z } from 'zod';

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
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
}

export class ConfigError extends Error {}

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
  };
}

function defaultWebDistDir(): string {
  return path.resolve(import.meta.dirname, '../../web/dist');
}
