import type { SetupRequest, SignInRequest } from '@tidings/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { SessionRow, UserRow } from '../../db/schema';
import { AppError, conflict, notFound } from '../../lib/errors';
import { hashSecret, newId, newSecret } from '../../lib/ids';
import type { Actor } from './actor';
import { rateLimiter } from './rate-limiter';
import { sessionsRepository } from './sessions.repository';
import { usersRepository } from './users.repository';
import { workspaceRepository } from './workspace.repository';

const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Sliding sessions are re-extended at most this often, to avoid a write on every request. */
const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  session: SessionRow;
  user: UserRow;
  workspace: { id: string; name: string };
}

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export function accountsService(ctx: AppContext) {
  const users = usersRepository(ctx.db);
  const workspaces = workspaceRepository(ctx.db);
  const sessions = sessionsRepository(ctx.db);
  const limiter = rateLimiter(ctx.db, SIGN_IN_WINDOW_MS);

  async function startSession(user: UserRow, client: ClientInfo): Promise<StartedSession> {
    const workspace = await workspaces.get();
    if (!workspace) throw new Error('No workspace: setup has not run');
    const token = newSecret();
    const now = ctx.now();
    const session: SessionRow = {
      id: hashSecret(token),
      user_id: user.id,
      csrf_token: newSecret(),
      created_at: now,
      last_seen_at: now,
      expires_at: now + ctx.config.sessionTtlMs,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    };
    await sessions.insert(session);
    return { token, session, user, workspace };
  }

  return {
    startSession,

    async needsSetup(): Promise<boolean> {
      return (await workspaces.get()) === undefined;
    },

    /** First run: makes the workspace and its owner, then signs the owner in. */
    async setUpWorkspace(input: z.output<typeof SetupRequest>, client: ClientInfo) {
      const passwordHash = await ctx.hasher.hash(input.password);
      const now = ctx.now();
      const owner: UserRow = {
        id: newId(),
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        role: 'owner',
        time_zone: input.timeZone,
        avatar_key: null,
        created_at: now,
        updated_at: now,
        language: null,
      };
      // The check and the inserts share a transaction so two racing setups cannot both win.
      await ctx.db.transaction().execute(async (trx) => {
        if (await workspaceRepository(trx).get())
          throw conflict('This workspace is already set up. Sign in instead.');
        await workspaceRepository(trx).insert({ id: newId(), name: input.workspaceName, created_at: now });
        await usersRepository(trx).insert(owner);
      });
      return startSession(owner, client);
    },

    /**
     * Checks email and password. Failed attempts count against both the IP and the account, so
     * neither one address guessing many accounts nor many addresses guessing one account works.
     */
    async signIn(input: z.output<typeof SignInRequest>, client: ClientInfo): Promise<StartedSession> {
      const now = ctx.now();
      const ipKey = `sign-in:ip:${client.ip}`;
      const accountKey = `sign-in:account:${input.email}`;
      const [ipCount, accountCount] = await Promise.all([
        limiter.count(ipKey, now),
        limiter.count(accountKey, now),
      ]);
      if (ipCount >= ctx.config.signInLimitPerIp || accountCount >= ctx.config.signInLimitPerAccount) {
        const minutes = Math.ceil(limiter.retryAfterMs(now) / 60_000);
        throw new AppError(
          429,
          'rate_limited',
          `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an admin to reset your password.`,
        );
      }
      const found = await users.findByEmail(input.email);
      // Outsiders have no password: their private link is their way in. They are refused exactly
      // like an unknown address (dummy hash, same answer), so sign-in reveals nothing about them.
      const user = found?.role === 'external' ? undefined : found;
      // Verify against a dummy hash when the account does not exist, so timing does not reveal it.
      const ok = await ctx.hasher.verify(user?.password_hash ?? (await dummyHash(ctx)), input.password);
      if (!user || !ok) {
        await Promise.all([limiter.hit(ipKey, now), limiter.hit(accountKey, now)]);
        throw new AppError(401, 'invalid_credentials', 'Wrong email or password.');
      }
      return startSession(user, client);
    },

    async signOut(actor: Actor): Promise<void> {
      if (actor.sessionId) await sessions.delete(actor.sessionId);
    },

    /** Resolves a session cookie to its actor, extending the session while it is used. */
    async authenticateSession(token: string): Promise<Actor | null> {
      const now = ctx.now();
      const session = await sessions.findLive(hashSecret(token), now);
      if (!session) return null;
      const user = await users.findById(session.user_id);
      if (!user) return null;
      if (now - session.last_seen_at > SESSION_TOUCH_INTERVAL_MS) {
        await sessions.extend(session.id, now, now + ctx.config.sessionTtlMs);
      }
      return { user, via: 'session', sessionId: session.id, csrfToken: session.csrf_token };
    },

    async describeSession(actor: Actor) {
      const workspace = await workspaces.get();
      if (!workspace) throw notFound('The workspace');
      return { user: actor.user, workspace, csrfToken: actor.csrfToken ?? '' };
    },
  };
}
export type AccountsService = ReturnType<typeof accountsService>;

let dummy: Promise<string> | undefined;
function dummyHash(ctx: AppContext): Promise<string> {
  dummy ??= ctx.hasher.hash('not-a-real-password-just-for-timing');
  return dummy;
}
