import type { SpaceRow } from '../../db/schema';
import { forbidden } from '../../lib/errors';
import { type Actor, isAdmin } from '../accounts/actor';

/** Guests take part where they are added; they do not open new places. */
export function assertCanCreateSpace(actor: Actor): void {
  if (actor.user.role === 'guest') throw forbidden('Guests cannot create spaces. Ask a member to add you.');
}

/** Renaming and archiving belong to whoever made the space, and to admins. */
export function assertCanManageSpace(actor: Actor, space: SpaceRow): void {
  if (space.created_by !== actor.user.id && !isAdmin(actor)) {
    throw forbidden('Only the person who created this space, or an admin, can change it.');
  }
}

/** Members bring colleagues in; guests may not widen who sees a space. */
export function assertCanAddMembers(actor: Actor, isMember: boolean): void {
  if (isAdmin(actor)) return;
  if (!isMember || actor.user.role === 'guest') {
    throw forbidden('Only members of this space (not guests), or admins, can add people.');
  }
}

/** Anyone may leave; the creator and admins may also remove others. */
export function assertCanRemoveMember(actor: Actor, space: SpaceRow, userId: string): void {
  if (userId === actor.user.id || space.created_by === actor.user.id || isAdmin(actor)) return;
  throw forbidden('Only the person who created this space, or an admin, can remove other people.');
}
