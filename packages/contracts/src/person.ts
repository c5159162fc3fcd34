import { z } from 'zod';
import { Id } from './common';

// Its own module so threads.ts (posts carry media) and media.ts (media have an owner) can both
// use it without importing each other.
export const Person = z
  .object({ id: Id, name: z.string(), avatarUrl: z.string().nullable() })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;
