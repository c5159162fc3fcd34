import { forbidden } from '../../lib/errors';
import { type Actor, isAdmin } from '../accounts/actor';

/** Outgoing email holds everyone's notifications, so only admins and the owner read it. */
export function assertCanReadMail(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only admins can see outgoing email and the mail status.');
}
