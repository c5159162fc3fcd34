import type { Outsider, OutsiderContext } from '@tidings/contracts';
import type { AppContext } from '../../context';
import { notFound } from '../../lib/errors';
import { hashSecret, newId, newSecret } from '../../lib/ids';
import type { AccountsService, ClientInfo, StartedSession } from '../accounts/accounts.service';
import type { Actor } from '../accounts/actor';
import { findPeople, presentPerson, unknownPerson } from '../threads/people';
import type { ThreadsService } from '../threads/threads.service';
import { mayAddOutsiders } from './address-emails';
import { outsidersRepository } from './outsiders.repository';

/** Using a session counts as using the link; recorded at most this often (one write an hour). */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export const PRIVATE_LINK_PATH = '/x/';

/** Mints a private link for an outsider to one thread; only its hash is stored. Returns the URL. */
export async function mintPrivateLink(
  ctx: AppContext,
  userId: string,
  threadId: string,
  createdBy: string,
): Promise<string> {
  const token = newSecret();
  await outsidersRepository(ctx.db).insertLink({
    id: newId(),
    user_id: userId,
    thread_id: threadId,
    token_hash: hashSecret(token),
    created_by: createdBy,
    created_at: ctx.now(),
    last_used_at: null,
    revoked_at: null,
  });
  return `${ctx.config.publicUrl}${PRIVATE_LINK_PATH}${token}`;
}

export function outsidersService(ctx: AppContext, accounts: AccountsService, threads: ThreadsService) {
  const repo = outsidersRepository(ctx.db);
  // Unknown, revoked, idle and malformed tokens all get this one answer: nothing is revealed.
  const deadLink = () => notFound('That link');

  /** The outsider of a thread the actor (a member who can see it) manages; 404 otherwise. */
  async function managedOutsider(actor: Actor, threadId: string, userId: string) {
    await threads.findVisible(actor, threadId);
    if (!mayAddOutsiders(actor)) throw notFound('That person');
    const [person] = (await findPeople(ctx.db, [userId])).values();
    if (person?.role !== 'external' || !(await repo.isAddressed(threadId, userId))) {
      throw notFound('That person');
    }
    return person;
  }

  return {
    /** Checks a private link and starts a session for its outsider. */
    async redeem(token: string, client: ClientInfo): Promise<{ started: StartedSession; threadId: string }> {
      const now = ctx.now();
      const link = await repo.findLinkByHash(hashSecret(token));
      if (!link || !repo.isLive(link, now, await repo.idleDays())) throw deadLink();
      const [user] = (await findPeople(ctx.db, [link.user_id])).values();
      if (user?.role !== 'external' || !(await repo.isAddressed(link.thread_id, user.id))) throw deadLink();
      await repo.touchLinks([link.id], now);
      return { started: await accounts.startSession(user, client), threadId: link.thread_id };
    },

    /**
     * Called for every request of an external actor: their session lives only while one of their
     * links does (not revoked, not idle), and using it keeps that link alive.
     */
    async stillWelcome(actor: Actor): Promise<boolean> {
      const now = ctx.now();
      const live = await repo.liveLinksOf(actor.user.id, now, await repo.idleDays());
      if (live.length === 0) return false;
      const stale = live.filter((l) => now - (l.last_used_at ?? 0) > TOUCH_INTERVAL_MS);
      await repo.touchLinks(
        stale.map((l) => l.id),
        now,
      );
      return true;
    },

    async context(actor: Actor): Promise<OutsiderContext> {
      const invitations = await repo.invitationsOf(actor.user.id);
      const people = await findPeople(
        ctx.db,
        invitations.map((i) => i.invitedBy),
      );
      return {
        invitations: invitations.map((i) => {
          const by = people.get(i.invitedBy);
          return { threadId: i.threadId, invitedBy: by ? presentPerson(by) : null };
        }),
      };
    },

    async listForThread(actor: Actor, threadId: string): Promise<Outsider[]> {
      await threads.findVisible(actor, threadId);
      if (!mayAddOutsiders(actor)) return [];
      const rows = await repo.ofThread(threadId);
      const inviters = await findPeople(
        ctx.db,
        rows.flatMap((r) => (r.invitedBy ? [r.invitedBy] : [])),
      );
      return rows.map((r) => {
        const by = r.invitedBy ? inviters.get(r.invitedBy) : undefined;
        return {
          person: presentPerson(r),
          email: r.email,
          invitedBy: r.invitedBy ? presentPerson(by ?? unknownPerson) : null,
          lastUsedAt: r.lastUsedAt,
        };
      });
    },

    /** A fresh private link for a member to pass on by hand; earlier links keep working. */
    async newLink(actor: Actor, threadId: string, userId: string): Promise<string> {
      await managedOutsider(actor, threadId, userId);
      return mintPrivateLink(ctx, userId, threadId, actor.user.id);
    },

    /**
     * Takes an outsider off a thread: every link of theirs to it stops working, they are no
     * longer addressed (so no more emails), and their sessions and live streams end at once.
     */
    async revoke(actor: Actor, threadId: string, userId: string): Promise<void> {
      await managedOutsider(actor, threadId, userId);
      const now = ctx.now();
      await ctx.db.transaction().execute(async (trx) => {
        const tx = outsidersRepository(trx);
        await tx.revokeLinks(userId, threadId, now);
        await tx.removeFromThread(threadId, userId);
        await tx.endSessions(userId);
      });
      await ctx.live.publish(await threads.watchers(threadId), { type: 'thread.updated', threadId });
      // Their open live streams close now, in every process (events.service ends them).
      await ctx.live.publish([userId], { type: 'session.ended' });
    },
  };
}
export type OutsidersService = ReturnType<typeof outsidersService>;
