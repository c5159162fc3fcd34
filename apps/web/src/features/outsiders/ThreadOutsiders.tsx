import type { Outsider } from '@tidings/contracts';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { copyText } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { useNewPrivateLink, useRevokeOutsider, useThreadOutsiders } from './api';
import styles from './Outsiders.module.css';

/** In a thread's header, for members: the people outside the workspace it is addressed to. */
export function ThreadOutsiders({ threadId }: { threadId: string }) {
  const outsiders = useThreadOutsiders(threadId, true);
  const revoke = useRevokeOutsider(threadId);
  const newLink = useNewPrivateLink(threadId);
  const [confirming, setConfirming] = useState<Outsider | null>(null);
  const [copiedFor, setCopiedFor] = useState<string | null>(null);
  const list = outsiders.data?.outsiders ?? [];
  if (list.length === 0) return null;

  const copyNewLink = (userId: string) =>
    newLink.mutate(userId, {
      onSuccess: async ({ url }) => {
        setCopiedFor((await copyText(url)) ? userId : null);
      },
    });

  return (
    <section className={styles.outsiders} aria-label="People outside the workspace">
      <Badge tone="warning">Outside the workspace</Badge>
      {list.map((o) => (
        <span key={o.person.id} className={styles.outsider} title={o.email}>
          {o.person.name}
          <Button
            size="sm"
            variant="ghost"
            busy={newLink.isPending && newLink.variables === o.person.id}
            onClick={() => copyNewLink(o.person.id)}
          >
            {copiedFor === o.person.id ? 'Link copied' : 'Copy a new private link'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(o)}>
            Revoke
          </Button>
        </span>
      ))}
      {(revoke.isError || newLink.isError) && (
        <Alert tone="error">{errorMessage(revoke.error ?? newLink.error)}</Alert>
      )}
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={`Revoke ${confirming?.person.name ?? ''}’s access?`}
      >
        <p>
          Their private links to this thread stop working at once and they stop getting its emails. What they
          already wrote stays in the thread.
        </p>
        <div className={styles.dialogActions}>
          <Button onClick={() => setConfirming(null)}>Cancel</Button>
          <Button
            variant="danger"
            busy={revoke.isPending}
            onClick={() =>
              confirming && revoke.mutate(confirming.person.id, { onSuccess: () => setConfirming(null) })
            }
          >
            Revoke access
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
