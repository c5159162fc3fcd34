import { forbidden } from '../../lib/errors';
import { type Actor, isAdmin } from '../accounts/actor';

/** Audio and video only: anything else is refused before a byte is uploaded. */
export const isMediaType = (mimeType: string) => /^(audio|video)\/[\w.+-]+(\s*;.*)?$/i.test(mimeType);

export function assertCanManageWorkspaceSettings(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('Only admins can change workspace settings.');
}

/** Only the owner changes a recording (rename, stop, delete); to anyone else it does not exist. */
export const isMediaOwner = (actor: Actor, media: { owner_id: string }) => media.owner_id === actor.user.id;
