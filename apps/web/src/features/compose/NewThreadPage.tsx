import { CreateThreadRequest, type Media } from '@tidings/contracts';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useCurrentSession } from '../../api/session';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useSchedulePost } from '../delivery/api';
import { DeliveryPreview } from '../delivery/DeliveryPreview';
import { AttachRecording } from '../media/AttachRecording';
import { useCreateThread } from '../threads/api';
import { AttentionCost } from './AttentionCost';
import { useAddressBook } from './addressBook';
import { BodyEditor } from './BodyEditor';
import styles from './Compose.module.css';
import {
  ExpectationPicker,
  type ExpectationState,
  noReplyNeeded,
  toExpectationInput,
} from './ExpectationPicker';
import { type Recipient, RecipientsPicker } from './RecipientsPicker';
import { SendTiming, type SendTimingState, scheduledAt, sendNow } from './SendTiming';
import { splitTypedEmails } from './typedEmails';

/** People who will receive it: those named plus the members of the spaces addressed. */
function recipientCount(recipients: Recipient[], book: ReturnType<typeof useAddressBook>): number {
  return recipients.reduce(
    (n, r) => n + (r.kind !== 'space' ? 1 : (book.spaces.find((s) => s.id === r.id)?.memberCount ?? 0)),
    0,
  );
}

/** `/new?to=space:ID` or `?to=person:ID` starts with that recipient. */
function initialRecipients(to: string | null, book: ReturnType<typeof useAddressBook>): Recipient[] {
  if (!to) return [];
  const [kind, id] = to.split(':');
  if (kind === 'space') {
    const space = book.spaces.find((s) => s.id === id);
    return space ? [{ kind: 'space', id: space.id, name: space.name }] : [];
  }
  const person = book.people.find((p) => p.id === id);
  return person ? [{ kind: 'person', ...person }] : [];
}

export function NewThreadPage() {
  useDocumentTitle('New thread');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const book = useAddressBook();
  const { user } = useCurrentSession();
  const create = useCreateThread();
  const schedule = useSchedulePost();
  const { formRef, errors, field, fail, validate } = useFormErrors();
  const [subject, setSubject] = useState('');
  const [picked, setPicked] = useState<Recipient[] | null>(null);
  const [body, setBody] = useState('');
  const [expectation, setExpectation] = useState<ExpectationState>(noReplyNeeded);
  // Urgent only: confirmed after seeing the recipients' local times in the delivery preview.
  const [interrupt, setInterrupt] = useState(false);
  const [media, setMedia] = useState<Media[]>([]);
  const [timing, setTiming] = useState<SendTimingState>(sendNow);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  // Until the person changes the list, it is whatever ?to= named (once the address book loaded).
  const recipients = picked ?? initialRecipients(params.get('to'), book);
  const typed = splitTypedEmails(recipients, book.memberIdByEmail);
  const addressedPeople = recipients
    .filter((r) => r.kind === 'person')
    .map((r) => ({ id: r.id, name: r.name, avatarUrl: r.avatarUrl ?? null }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const request = validate(CreateThreadRequest, {
      subject,
      recipients: {
        userIds: recipients.filter((r) => r.kind === 'person').map((r) => r.id),
        spaceIds: recipients.filter((r) => r.kind === 'space').map((r) => r.id),
        emails: recipients.filter((r) => r.kind === 'email').map((r) => r.id),
      },
      body,
      mediaIds: media.map((m) => m.id),
      expectation: {
        ...toExpectationInput(expectation),
        ...(expectation.kind === 'urgent' && interrupt && { interruptOutsideHours: true }),
      },
      deliverInWorkingHours: expectation.kind !== 'urgent' && timing.when === 'working_hours',
    });
    if (!request) return;
    if (expectation.kind !== 'urgent' && timing.when === 'at') {
      // Kept aside and sent at that time; the list of scheduled posts lets them change it.
      schedule.mutate(
        { sendAt: scheduledAt(timing) ?? 0, thread: request },
        { onSuccess: () => navigate('/settings/notifications'), onError: fail },
      );
      return;
    }
    create.mutate(request, {
      onSuccess: (thread) => navigate(`/threads/${encodeURIComponent(thread.id)}`),
      onError: fail,
    });
  }

  const recipientsError =
    field('recipients') ??
    field('recipients.userIds') ??
    field('recipients.spaceIds') ??
    field('recipients.emails') ??
    field('recipients.emails.0');
  return (
    <>
      <PageHeader title="New thread" description="Write it once, clearly; people answer on their own time." />
      <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
        <TextField
          label="Subject"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          error={field('subject')}
          maxLength={200}
          autoFocus
        />
        <RecipientsPicker
          label="To"
          people={book.people}
          spaces={book.spaces}
          value={recipients}
          onChange={setPicked}
          error={recipientsError}
          allowEmails={user.role !== 'guest'}
        />
        <BodyEditor
          label="Message"
          value={body}
          onChange={setBody}
          people={book.people}
          error={field('body')}
          textareaRef={bodyRef}
          rows={8}
        />
        <AttachRecording value={media} onChange={setMedia} title={subject} />
        <AttentionCost media={media} people={recipientCount(recipients, book)} />
        <ExpectationPicker
          value={expectation}
          onChange={setExpectation}
          candidates={addressedPeople}
          field={field}
        />
        <DeliveryPreview
          userIds={[
            ...new Set([
              ...recipients.filter((r) => r.kind === 'person').map((r) => r.id),
              ...typed.memberIds,
            ]),
          ]}
          spaceIds={recipients.filter((r) => r.kind === 'space').map((r) => r.id)}
          outsiders={typed.outsiders}
          sendAt={expectation.kind !== 'urgent' && timing.when === 'at' ? scheduledAt(timing) : undefined}
          kind={expectation.kind}
          dueAt={toExpectationInput(expectation).dueAt}
          interruptOutsideHours={interrupt}
          onInterruptChange={setInterrupt}
        />
        <SendTiming
          value={timing}
          onChange={setTiming}
          urgent={expectation.kind === 'urgent'}
          error={field('sendAt')}
        />
        {errors.message && <Alert tone="error">{errors.message}</Alert>}
        <div className={styles.actions}>
          <Button type="button" variant="ghost" onClick={() => navigate(-1)}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={create.isPending || schedule.isPending}>
            {expectation.kind !== 'urgent' && timing.when === 'at' ? 'Schedule' : 'Send'}
          </Button>
        </div>
      </form>
    </>
  );
}
