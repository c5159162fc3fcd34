import type { Invite } from '@tidings/contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { formatRelative } from '../../lib/dates';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { useInvites, useRevokeInvite } from './api';
import styles from './Invites.module.css';
import { roleLabels } from './roles';

function isPending(invite: Invite, now: number): boolean {
  return invite.acceptedAt === null && invite.revokedAt === null && invite.expiresAt > now;
}

/** Invites not yet used, revoked or expired, newest first, each with a revoke button. */
export function PendingInvites() {
  const invites = useInvites(true);
  const revoke = useRevokeInvite();
  const [confirming, setConfirming] = useState<string | null>(null);

  if (invites.isPending) return null;
  if (invites.isError) {
    return (
      <Alert tone="error" action={<Button onClick={() => invites.refetch()}>Try again</Button>}>
        {errorMessage(invites.error)}
      </Alert>
    );
  }
  const now = Date.now();
  const pending = invites.data.invites
    .filter((i) => isPending(i, now))
    .sort((a, b) => b.createdAt - a.createdAt);
  if (pending.length === 0) return <p className={styles.none}>No pending invites.</p>;

  return (
    <>
      {revoke.isError && <Alert tone="error">{errorMessage(revoke.error)}</Alert>}
      <ul className={styles.list} aria-label="Pending invites">
        {pending.map((invite) => {
          const who = invite.email ?? 'Anyone with the link';
          return (
            <li key={invite.id} className={styles.item}>
              <div className={styles.itemText}>
                <p className={styles.itemTitle}>
                  {who} <Badge>{roleLabels[invite.role]}</Badge>
                </p>
                <p className={styles.itemMeta}>
                  Invited by {invite.invitedBy} · expires {formatRelative(invite.expiresAt)}
                </p>
              </div>
              {confirming === invite.id ? (
                <div className={styles.confirm}>
                  <Button
                    size="sm"
                    variant="danger"
                    busy={revoke.isPending}
                    onClick={() => revoke.mutate(invite.id, { onSettled: () => setConfirming(null) })}
                  >
                    Revoke link
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                    Keep
                  </Button>
                </div>
              ) : (
                <Button
                  size="sm"
                  onClick={() => setConfirming(invite.id)}
                  aria-label={`Revoke invite for ${who}`}
                >
                  Revoke
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
