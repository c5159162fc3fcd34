import type { AppContext } from './context';
import { accountsService } from './features/accounts/accounts.service';
import { invitesService } from './features/invites/invites.service';
import { membersService } from './features/members/members.service';
import { profileService } from './features/profile/profile.service';
import { tokensService } from './features/tokens/tokens.service';

/** The use cases, wired once per process and shared by HTTP routes, the CLI and jobs. */
export function createServices(ctx: AppContext) {
  const accounts = accountsService(ctx);
  return {
    accounts,
    invites: invitesService(ctx, accounts),
    members: membersService(ctx),
    profile: profileService(ctx),
    tokens: tokensService(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
