import type { z } from 'zod';
import type { AppContext } from '../context';

/**
 * A declared background job: a name, the schema its payload must match, how often to retry,
 * and a handler. Handlers must be idempotent: a job interrupted by a crash runs again.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  maxAttempts: number;
  handler(payload: z.output<S>, ctx: AppContext): Promise<void>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at one hour. */
export const backoffMs = (attempt: number): number => Math.min(3_600_000, 1000 * 2 ** attempt);
