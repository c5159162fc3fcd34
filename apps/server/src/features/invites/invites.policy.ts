import { forbidden } from '../../lib/errors';
import { type Actor, isAdmin } from '../accounts/actor';

/** Only admins and the owner bring people in, so guests and members cannot widen access. */
export function assertCanManageInvites(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only admins can invite people. Ask an admin for an invite link.');
}
