import { z } from 'zod';
import { EpochMs, Id } from './common';

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string().describe('First characters of the token, to tell tokens apart'),
    createdAt: EpochMs,
    lastUsedAt: EpochMs.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenRequest = z.object({
  name: z.string().trim().min(1, { message: 'Name the token after what uses it' }).max(80),
});
export type CreateTokenRequest = z.input<typeof CreateTokenRequest>;

export const CreatedToken = z.object({
  token: ApiToken,
  secret: z.string().describe('Shown once: send as "Authorization: Bearer <secret>"'),
});
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TokenList = z.object({ tokens: z.array(ApiToken) });
