import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../api/errors';
import { wasSignedOutOnPurpose } from '../api/queryClient';
import { setupQuery, useSession } from '../api/session';
import { isOutsiderTab, LINK_GONE_PATH, SIGNED_OUT_PATH } from '../features/outsiders/api';
import { signInPath } from '../lib/navigation';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { CenteredLayout } from '../ui/CenteredLayout';
import { PageLoading } from '../ui/Spinner';

function Unreachable({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <CenteredLayout title="Tidings is not answering">
      <Alert tone="error" action={<Button onClick={retry}>Try again</Button>}>
        {errorMessage(error)}
      </Alert>
    </CenteredLayout>
  );
}

/** Until the first workspace exists, every page leads to /setup. */
export function SetupGate() {
  const status = useQuery(setupQuery);
  const { pathname } = useLocation();
  if (status.isPending) return <PageLoading />;
  if (status.isError) return <Unreachable error={status.error} retry={() => status.refetch()} />;
  if (status.data.needsSetup && pathname !== '/setup') return <Navigate to="/setup" replace />;
  return <Outlet />;
}

/** The signed-in area: signed-out visitors go to /sign-in?next=<where they were going>. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoading />;
  if (session.isError) return <Unreachable error={session.error} retry={() => session.refetch()} />;
  if (!session.data) {
    // An outsider has no sign-in page: their link was revoked or went idle.
    if (isOutsiderTab()) {
      return <Navigate to={wasSignedOutOnPurpose() ? SIGNED_OUT_PATH : LINK_GONE_PATH} replace />;
    }
    const next = wasSignedOutOnPurpose() ? '/' : location.pathname + location.search + location.hash;
    return <Navigate to={signInPath(next)} replace />;
  }
  return <Outlet />;
}
