import type {
  AcceptInviteRequest,
  CreatedInvite,
  CreateInviteRequest,
  Invite,
  InvitePreview,
} from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { UserRow } from '../../db/schema';
import { AppError, conflict, invalid, notFound } from '../../lib/errors';
import { hashSecret, newId, newSecret } from '../../lib/ids';
import type { AccountsService, ClientInfo } from '../accounts/accounts.service';
import type { Actor } from '../accounts/actor';
import { usersRepository } from '../accounts/users.repository';
import { workspaceRepository } from '../accounts/workspace.repository';
import { outsiderBecomesMember } from '../outsiders/become-member';
import { assertCanManageInvites } from './invites.policy';
import { type InviteWithInviter, invitesRepository } from './invites.repository';

const DAY_MS = 24 * 3600 * 1000;

const present = (row: InviteWithInviter): Invite => ({
  id: row.id,
  role: row.role,
  email: row.email,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
  revokedAt: row.revoked_at,
  invitedBy: row.inviter_name,
});

export function invitesService(ctx: AppContext, accounts: AccountsService) {
  const invites = invitesRepository(ctx.db);
  const users = usersRepository(ctx.db);

  /** The invite behind a link, if it can still be used; unknown and used links look the same. */
  async function findUsable(token: string): Promise<InviteWithInviter> {
    const invite = await invites.findByTokenHash(hashSecret(token));
    const usable =
      invite && invite.accepted_at === null && invite.revoked_at === null && invite.expires_at > ctx.now();
    if (!usable) {
      throw new AppError(
        404,
        'invite_not_found',
        'This invite link is not valid any more: it may have expired, been used or been revoked. Ask for a new one.',
      );
    }
    return invite;
  }

  return {
    async createInvite(actor: Actor, input: z.output<typeof CreateInviteRequest>): Promise<CreatedInvite> {
      assertCanManageInvites(actor);
      // An outsider's address may be invited: accepting turns them into a member (become-member.ts).
      const existing = input.email ? await users.findByEmail(input.email) : undefined;
      if (existing && existing.role !== 'external') {
        throw conflict('That person already has an account.', {
          email: 'Already a member of this workspace',
        });
      }
      const token = newSecret();
      const now = ctx.now();
      const id = newId();
      await invites.insert({
        id,
        token_hash: hashSecret(token),
        role: input.role,
        email: input.email ?? null,
        created_by: actor.user.id,
        created_at: now,
        expires_at: now + input.expiresInDays * DAY_MS,
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      });
      const row = await invites.findById(id);
      if (!row) throw new Error('Invite vanished after insert');
      return { invite: present(row), token, url: `${ctx.config.publicUrl}/invite/${token}` };
    },

    async listInvites(actor: Actor): Promise<Invite[]> {
      assertCanManageInvites(actor);
      return (await invites.listPending(ctx.now())).map(present);
    },

    async revokeInvite(actor: Actor, id: string): Promise<void> {
      assertCanManageInvites(actor);
      if (!(await invites.revoke(id, ctx.now()))) throw notFound('That pending invite');
    },

    async previewInvite(token: string): Promise<InvitePreview> {
      const invite = await findUsable(token);
      const workspace = await workspaceRepository(ctx.db).get();
      return {
        workspaceName: workspace?.name ?? '',
        role: invite.role,
        email: invite.email,
        invitedBy: invite.inviter_name,
        expiresAt: invite.expires_at,
      };
    },

    /**
     * Creates the invited person's account and signs them in; the link works once. An outsider
     * (someone addressed by email) keeps their user, now a member with the invite's role.
     */
    async acceptInvite(token: string, input: z.output<typeof AcceptInviteRequest>, client: ClientInfo) {
      const invite = await findUsable(token);
      if (invite.email && invite.email !== input.email) {
        throw invalid('This invite is for a different email address.', {
          email: `Use the address the invite was sent to (${invite.email})`,
        });
      }
      const existing = await users.findByEmail(input.email);
      if (existing && existing.role !== 'external') {
        throw conflict('An account with this email already exists. Sign in instead.', {
          email: 'Already has an account; sign in instead',
        });
      }
      const now = ctx.now();
      const passwordHash = await ctx.hasher.hash(input.password);
      const fresh: UserRow = {
        id: newId(),
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        role: invite.role,
        time_zone: input.timeZone,
        avatar_key: null,
        created_at: now,
        updated_at: now,
        language: null,
      };
      const user = await ctx.db.transaction().execute(async (trx) => {
        const joined = existing
          ? await outsiderBecomesMember(
              trx,
              existing,
              { name: input.name, passwordHash, role: invite.role, timeZone: input.timeZone },
              now,
            )
          : fresh;
        if (!existing) await usersRepository(trx).insert(fresh);
        if (!(await invitesRepository(trx).markAccepted(invite.id, joined.id, now))) {
          throw new AppError(
            404,
            'invite_not_found',
            'This invite link was just used by someone else. Ask for a new one.',
          );
        }
        return joined;
      });
      // A converted outsider's link sessions ended: close their open live streams too.
      if (existing) await ctx.live.publish([user.id], { type: 'session.ended' });
      return accounts.startSession(user, client);
    },
  };
}
export type InvitesService = ReturnType<typeof invitesService>;
