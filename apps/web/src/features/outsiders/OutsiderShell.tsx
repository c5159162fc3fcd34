import { Navigate, Outlet, useLocation, useMatch } from 'react-router';
import { useLiveEvents } from '../../api/live';
import { useCurrentSession } from '../../api/session';
import { Logo } from '../../ui/Logo';
import { PageLoading } from '../../ui/Spinner';
import { ThemeToggle } from '../../ui/ThemeToggle';
import { RecoveryBanner } from '../media/RecoveryBanner';
import { useOutsiderContext, useOutsiderSignOut } from './api';
import styles from './Outsiders.module.css';

/**
 * The frame for someone outside the workspace: no inbox, spaces, members, search or settings —
 * only the thread they were invited to, who they are, who invited them, and a way to leave.
 */
export function OutsiderShell() {
  const { user } = useCurrentSession();
  const signOut = useOutsiderSignOut();
  const context = useOutsiderContext(true);
  const onThread = useMatch('/threads/:id');
  const { pathname } = useLocation();
  useLiveEvents();

  const invitations = context.data?.invitations ?? [];
  const current = invitations.find((i) => i.threadId === onThread?.params.id) ?? invitations[0];
  if (!onThread) {
    if (context.isPending) return <PageLoading />;
    if (current && pathname !== `/threads/${current.threadId}`) {
      return <Navigate to={`/threads/${encodeURIComponent(current.threadId)}`} replace />;
    }
  }

  return (
    <div className={styles.shell}>
      <header className={styles.bar}>
        <Logo markOnly />
        <p className={styles.viewing}>
          You’re viewing as <strong>{user.name}</strong>
          {current?.invitedBy && (
            <>
              {' '}
              — invited by <strong>{current.invitedBy.name}</strong>
            </>
          )}
        </p>
        <ThemeToggle compact />
        <button
          type="button"
          className={styles.leave}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Sign out
        </button>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        <RecoveryBanner />
        {onThread ? <Outlet /> : <p className={styles.empty}>There is nothing here for you yet.</p>}
      </main>
    </div>
  );
}
