import { useEffect, useRef } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { ApiRequestError } from '../../api/errors';
import { PageLoading } from '../../ui/Spinner';
import { useRedeemLink } from './api';
import { LinkGonePage } from './LinkGonePage';

/** /x/<token>: an outsider's private link. Opens a session for them and goes to their thread. */
export function RedeemPage() {
  const { token = '' } = useParams();
  const { hash } = useLocation();
  const redeem = useRedeemLink();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    redeem.mutate(token);
  }, [redeem, token]);

  if (redeem.isSuccess)
    return <Navigate to={`/threads/${encodeURIComponent(redeem.data.threadId)}${hash}`} replace />;
  // Unknown, revoked and idle links get the same page: nothing about the thread is shown.
  if (redeem.isError && redeem.error instanceof ApiRequestError && redeem.error.status === 404) {
    return <LinkGonePage />;
  }
  if (redeem.isError) return <LinkGonePage problem={redeem.error.message} />;
  return <PageLoading label="Opening your link…" />;
}
