import { parseAddress } from '@tidings/contracts';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from '../../db/schema';
import { invalid } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Actor } from '../accounts/actor';
import { outsidersRepository } from './outsiders.repository';

/** Only people of the workspace proper may bring others in; guests and outsiders may not. */
export const mayAddOutsiders = (actor: Actor) =>
  actor.user.role === 'owner' || actor.user.role === 'admin' || actor.user.role === 'member';

/**
 * Turns typed addresses into the users a thread is addressed to, inside the caller's transaction:
 * a member's address is that member; any other finds or creates an outsider (role 'external', no
 * password, the adder's time zone), named from `Ann Lee <ann@x.com>` or the address's local part.
 */
export async function addressEmails(
  db: Kysely<Database>,
  actor: Actor,
  emails: string[],
  now: number,
  field = 'recipients.emails',
): Promise<string[]> {
  if (emails.length === 0) return [];
  if (!mayAddOutsiders(actor)) {
    // Guests get the same refusal for members' and strangers' addresses: nothing is revealed.
    throw invalid('Only members of the workspace can address people by email.', {
      [field]: 'Guests cannot address people by email; pick people from the list',
    });
  }
  const repo = outsidersRepository(db);
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const typed of emails) {
    const address = parseAddress(typed);
    if (!address)
      throw invalid('An email address is not valid.', { [field]: `Not an email address: ${typed}` });
    if (seen.has(address.email)) continue;
    seen.add(address.email);
    const existing = await repo.findUserByEmail(address.email);
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    const outsider: UserRow = {
      id: newId(),
      email: address.email,
      name: address.name ?? address.email.split('@')[0] ?? address.email,
      password_hash: '',
      role: 'external',
      time_zone: actor.user.time_zone,
      avatar_key: null,
      created_at: now,
      updated_at: now,
      language: null,
    };
    await repo.insertUser(outsider);
    ids.push(outsider.id);
  }
  return ids;
}
