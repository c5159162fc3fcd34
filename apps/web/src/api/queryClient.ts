import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@tidings/contracts';
import { setCsrfTokenSource } from './client';
import { ApiRequestError, isSessionLost } from './errors';

export const sessionKey = ['session'] as const;
export const setupKey = ['setup'] as const;

let signedOutOnPurpose = false;

/** After "Sign out" the guard sends people to a plain /sign-in, not back to the page they left. */
export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

/** Queries that do not depend on who is signed in survive a change of person. */
const accountFree = new Set(['session', 'setup', 'invite-preview']);

function dropAccountData(): void {
  queryClient.removeQueries({ predicate: (query) => !accountFree.has(String(query.queryKey[0])) });
}

/** Drop everything cached about the signed-in person; the session guard then sends them to sign-in. */
export function forgetSession({ onPurpose = false } = {}): void {
  signedOutOnPurpose = onPurpose;
  dropAccountData();
  queryClient.setQueryData<SessionInfo | null>(sessionKey, null);
}

/** Start a fresh session (after setup, sign-in or joining): nothing cached from before survives. */
export function startSession(info: SessionInfo): void {
  signedOutOnPurpose = false;
  dropAccountData();
  queryClient.setQueryData<SessionInfo | null>(sessionKey, info);
}

function onError(error: unknown): void {
  if (isSessionLost(error)) forgetSession();
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Client errors (4xx) will not fix themselves; network blips and 5xx may.
      retry: (count, error) =>
        !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

setCsrfTokenSource(() => queryClient.getQueryData<SessionInfo | null>(sessionKey)?.csrfToken);
