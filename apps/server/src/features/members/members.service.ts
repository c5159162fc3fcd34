import type { User } from '@tidings/contracts';
import type { AppContext } from '../../context';
import type { UserRole } from '../../db/schema';
import { forbidden, invalid, notFound } from '../../lib/errors';
import { type Actor, isAdmin } from '../accounts/actor';
import { presentUser } from '../accounts/present';
import { usersRepository } from '../accounts/users.repository';

export function membersService(ctx: AppContext) {
  const users = usersRepository(ctx.db);
  return {
    /** Guests are outsiders brought in for specific spaces: they do not see the whole roster. */
    async listMembers(actor: Actor): Promise<User[]> {
      if (actor.user.role === 'guest') throw forbidden('Guests cannot see the member list.');
      // Outsiders (role 'external') are people a thread was addressed to, not members.
      return (await users.list()).filter((u) => u.role !== 'external').map(presentUser);
    },

    async changeMemberRole(actor: Actor, userId: string, role: Exclude<UserRole, 'owner'>): Promise<User> {
      if (!isAdmin(actor)) throw forbidden('Only admins can change roles.');
      const target = await users.findById(userId);
      if (!target) throw notFound('That person');
      if (target.role === 'owner')
        throw invalid("The owner's role cannot be changed.", { role: 'Owner stays owner' });
      if (target.id === actor.user.id)
        throw invalid('You cannot change your own role.', { role: 'Ask another admin' });
      return presentUser(await users.update(userId, { role, updated_at: ctx.now() }));
    },
  };
}
export type MembersService = ReturnType<typeof membersService>;
