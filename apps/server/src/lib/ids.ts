import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new primary key. */
export const newId = (): string => randomUUID();

/** An unguessable secret: 32 random bytes (256 bits), URL-safe. */
export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** Secrets are stored only as their SHA-256, so the database alone cannot be used to sign in. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
