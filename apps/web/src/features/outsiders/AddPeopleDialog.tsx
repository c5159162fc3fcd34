import type { AddRecipientsAnswer, Thread } from '@tidings/contracts';
import { useState } from 'react';
import { ApiRequestError, errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useAddressBook } from '../compose/addressBook';
import { type Recipient, RecipientsPicker } from '../compose/RecipientsPicker';
import { useAddRecipients } from './api';
import styles from './Outsiders.module.css';

const names = (list: { name: string }[]) => list.map((p) => p.name).join(', ');

/** What was done, in words: who was added, who was emailed, who was already there. */
function summary(answer: AddRecipientsAnswer): string[] {
  const lines: string[] = [];
  const { people, spaces, outsiders } = answer.added;
  if (people.length > 0) lines.push(`Added ${names(people)}: the thread is in their inbox.`);
  if (spaces.length > 0) lines.push(`Added ${spaces.map((s) => `#${s.name}`).join(', ')}.`);
  if (outsiders.length > 0) {
    lines.push(
      `Emailed ${outsiders.map((o) => `${o.person.name} <${o.email}>`).join(', ')} the thread so far with a private link (outside the workspace).`,
    );
  }
  if (answer.alreadyIn.length > 0) lines.push(`Already in the thread: ${names(answer.alreadyIn)}.`);
  if (lines.length === 0) lines.push('Nobody new was added.');
  return lines;
}

/** "Add people…" in a thread's header: the composer's recipient field, then a clear confirmation. */
export function AddPeopleButton({ thread }: { thread: Thread }) {
  const threadId = thread.id;
  const { user } = useCurrentSession();
  const book = useAddressBook();
  // Offer only who is not in the thread yet.
  const inThread = new Set([thread.createdBy.id, ...thread.recipients.people.map((p) => p.id)]);
  const spacesIn = new Set(thread.recipients.spaces.map((s) => s.id));
  const add = useAddRecipients(threadId);
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Recipient[]>([]);
  const [done, setDone] = useState<AddRecipientsAnswer | null>(null);
  const fields = add.error instanceof ApiRequestError ? add.error.fields : {};
  const fieldError =
    fields.recipients ?? fields.emails ?? Object.entries(fields).find(([k]) => k.startsWith('emails'))?.[1];

  const close = () => {
    setOpen(false);
    setPicked([]);
    add.reset();
  };
  const submit = () =>
    add.mutate(
      {
        userIds: picked.filter((r) => r.kind === 'person').map((r) => r.id),
        spaceIds: picked.filter((r) => r.kind === 'space').map((r) => r.id),
        emails: picked.filter((r) => r.kind === 'email').map((r) => r.id),
      },
      {
        onSuccess: (answer) => {
          setDone(answer);
          close();
        },
      },
    );

  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Add people…
      </Button>
      {done && (
        <div className={styles.addedNote}>
          <Alert tone="success" title="People added">
            {summary(done).map((line) => (
              <span key={line} className={styles.addedLine}>
                {line}
              </span>
            ))}
          </Alert>
          <Button size="sm" variant="ghost" onClick={() => setDone(null)}>
            Dismiss
          </Button>
        </div>
      )}
      <Dialog open={open} onClose={close} title="Add people to this thread">
        <p className={styles.addHint}>
          They see the whole thread. Members get it in their inbox; an email address outside the workspace
          gets the thread so far by email, with a private link to reply.
        </p>
        <RecipientsPicker
          label="Add"
          people={book.people.filter((p) => !inThread.has(p.id))}
          spaces={book.spaces.filter((s) => !spacesIn.has(s.id))}
          value={picked}
          onChange={setPicked}
          error={fieldError}
          allowEmails={user.role !== 'guest'}
        />
        {add.isError && !fieldError && <Alert tone="error">{errorMessage(add.error)}</Alert>}
        <div className={styles.dialogActions}>
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" busy={add.isPending} disabled={picked.length === 0} onClick={submit}>
            Add to thread
          </Button>
        </div>
      </Dialog>
    </>
  );
}
