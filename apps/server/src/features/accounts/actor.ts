import type { UserRow } from '../../db/schema';

/** Who is making a request, and how they proved it. */
export interface Actor {
  user: UserRow;
  via: 'session' | 'token';
  /** Present when via === 'session'. */
  sessionId?: string;
  csrfToken?: string;
}

export const isAdmin = (actor: Actor) => actor.user.role === 'owner' || actor.user.role === 'admin';
