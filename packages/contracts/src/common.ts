import { z } from 'zod';

export const Id = z.string().min(1).max(64);
export const IdParams = z.object({ id: Id });

/** Milliseconds since the Unix epoch; every timestamp in the API uses it. */
export const EpochMs = z.number().int().describe('Milliseconds since the Unix epoch');

export const Email = z
  .email({ message: 'Enter an email address like name@example.com' })
  .max(254)
  .transform((s) => s.trim().toLowerCase());

export const Password = z
  .string()
  .min(10, { message: 'Use at least 10 characters' })
  .max(200, { message: 'Use at most 200 characters' });

export const PersonName = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(100, { message: 'Use at most 100 characters' });

/** An IANA time zone name such as Europe/Lisbon; checked against the runtime's zone database. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, { message: 'Choose a time zone such as Europe/Lisbon' });

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const Ok = z.object({ ok: z.literal(true) });
