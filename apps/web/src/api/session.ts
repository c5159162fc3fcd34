import { queryOptions, useQuery } from '@tanstack/react-query';
import { type SessionInfo, SessionInfo as SessionSchema, SetupStatus, type User } from '@tidings/contracts';
import { api } from './client';
import { ApiRequestError } from './errors';
import { queryClient, sessionKey, setupKey } from './queryClient';

export { startSession } from './queryClient';

/** The signed-in session, or null when signed out (a 401 here is an answer, not an error). */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async ({ signal }): Promise<SessionInfo | null> => {
    try {
      return await api.get('/api/auth/session', SessionSchema, signal);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export const setupQuery = queryOptions({
  queryKey: setupKey,
  queryFn: ({ signal }) => api.get('/api/setup', SetupStatus, signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** The session inside signed-in pages; the session guard makes sure there is one. */
export function useCurrentSession(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession used outside the signed-in area');
  return data;
}

/** Replace the signed-in person's record after they changed their profile. */
export function updateSessionUser(user: User): void {
  queryClient.setQueryData<SessionInfo | null>(sessionKey, (session) =>
    session ? { ...session, user } : session,
  );
}

export function canManageMembers(user: User): boolean {
  return user.role === 'owner' || user.role === 'admin';
}
