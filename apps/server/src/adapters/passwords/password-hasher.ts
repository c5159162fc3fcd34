import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 exports Algorithm as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** argon2id with the OWASP-recommended floor (19 MiB, 2 passes); runs off the event loop. */
export function argon2idHasher(options = { memoryCost: 19_456, timeCost: 2 }): PasswordHasher {
  return {
    hash: (password) => hash(password, { algorithm: ARGON2ID, ...options, parallelism: 1 }),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
