import { useEffect } from 'react';
import { CenteredLayout } from '../../ui/CenteredLayout';

/**
 * What a revoked, expired or mistyped private link shows. It names no thread, subject or person:
 * whoever holds a dead link learns nothing from it.
 */
export function LinkGonePage({ problem, signedOut }: { problem?: string; signedOut?: boolean }) {
  const title = signedOut ? 'You signed out' : 'This link no longer works';
  useEffect(() => {
    document.title = `${title} · Tidings`;
  }, [title]);
  return (
    <CenteredLayout
      title={title}
      description={
        signedOut
          ? 'To come back, open the link in the email you were sent.'
          : 'It may have been turned off, or it went unused for too long. Ask the person who sent it to you for a new one.'
      }
    >
      {problem ? (
        <p role="alert">{problem}</p>
      ) : (
        <p>Private links are personal and can be turned off, so conversations stay private.</p>
      )}
    </CenteredLayout>
  );
}
