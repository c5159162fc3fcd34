import { z } from 'zod';
import { EpochMs } from './common';

/** The email kinds a person can switch off one by one (keys of their delivery channels). */
export const EmailKind = z.enum(['digest', 'urgent', 'reminder', 'mention']);
export type EmailKind = z.infer<typeof EmailKind>;

export const UnsubscribeQuery = z.object({
  token: z.string().min(1).max(300).describe('The signed token from the email link'),
});

export const UnsubscribeResult = z.object({
  ok: z.literal(true),
  kind: EmailKind.describe('The kind of email that is now off'),
});
export type UnsubscribeResult = z.infer<typeof UnsubscribeResult>;

export const OutboxMessage = z
  .object({
    id: z.string().describe('Stable per Message-ID; GET /api/admin/outbox/{id} returns the raw message'),
    to: z.string(),
    subject: z.string(),
    messageId: z.string(),
    date: EpochMs,
    size: z.number().int().describe('Bytes of the raw message'),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const OutboxList = z.object({
  messages: z.array(OutboxMessage).describe('Newest first'),
  total: z.number().int().describe('Messages in the outbox, including those beyond the limit'),
});
export type OutboxList = z.infer<typeof OutboxList>;

export const OutboxIdParams = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, { message: 'Not an outbox id' }),
});

export const MailStatus = z.object({
  transport: z.enum(['smtp', 'outbox']).describe('smtp when SMTP_HOST is set, else .eml files in the outbox'),
  from: z.string(),
  smtp: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean() }).nullable(),
  lastError: z
    .object({ at: EpochMs, message: z.string() })
    .nullable()
    .describe('The latest failed send since the last success, in this process'),
});
export type MailStatus = z.infer<typeof MailStatus>;
