import type { Thread } from '@tidings/contracts';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { formatDayTime } from '../../lib/due';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useInboxAction } from '../inbox/api';
import { SnoozeMenu } from '../inbox/SnoozeMenu';
import { AddPeopleButton } from '../outsiders/AddPeopleDialog';
import { ThreadOutsiders } from '../outsiders/ThreadOutsiders';
import { ShareButton } from '../share/ShareDialog';
import { useSubscription, useThreadAction } from './api';
import styles from './Thread.module.css';

/** Subject, recipients, resolved banner and the thread-wide actions. */
export function ThreadHeader({ thread, onReply }: { thread: Thread; onReply: () => void }) {
  const { user } = useCurrentSession();
  const action = useThreadAction(thread.id);
  const subscription = useSubscription(thread.id);
  const inbox = useInboxAction();
  const navigate = useNavigate();
  const leaveWith = (name: 'done' | 'unread') =>
    inbox.mutate({ threadId: thread.id, action: name }, { onSuccess: () => navigate('/') });
  const following = thread.subscription === 'follow';
  const muted = thread.subscription === 'mute';

  return (
    <header className={styles.header}>
      <h1 className={styles.subject}>{thread.subject}</h1>
      <p className={styles.recipients}>
        <span className={styles.toLabel}>To </span>
        {[
          ...thread.recipients.people.map((p) => (
            <span key={`p${p.id}`}>{p.id === user.id ? 'you' : p.name}</span>
          )),
          ...thread.recipients.spaces.map((s) => (
            <Link key={`s${s.id}`} to={`/spaces/${encodeURIComponent(s.id)}`}>
              #{s.name}
            </Link>
          )),
        ].flatMap((node, i) => (i === 0 ? [node] : [', ', node]))}
        <span className={styles.started}>
          {' · started by '}
          {thread.createdBy.id === user.id ? 'you' : thread.createdBy.name},{' '}
          {formatDayTime(thread.createdAt, user.timeZone)}
        </span>
      </p>

      {thread.resolvedAt !== null && (
        <Alert
          tone="success"
          title="Resolved"
          action={
            user.role !== 'external' && (
              <Button size="sm" busy={action.isPending} onClick={() => action.mutate('reopen')}>
                Reopen
              </Button>
            )
          }
        >
          Marked resolved {formatDayTime(thread.resolvedAt, user.timeZone)}.
        </Alert>
      )}

      {user.role !== 'external' && user.role !== 'guest' && <ThreadOutsiders threadId={thread.id} />}

      <div className={styles.threadActions}>
        <Button size="sm" variant="primary" onClick={onReply}>
          Reply
        </Button>
        {user.role !== 'external' && (
          <>
            <Button
              size="sm"
              aria-pressed={following}
              busy={subscription.isPending && subscription.variables === (following ? 'default' : 'follow')}
              onClick={() => subscription.mutate(following ? 'default' : 'follow')}
            >
              {following ? 'Following' : 'Follow'}
            </Button>
            <Button
              size="sm"
              aria-pressed={muted}
              onClick={() => subscription.mutate(muted ? 'default' : 'mute')}
            >
              {muted ? 'Muted' : 'Mute'}
            </Button>
            {thread.resolvedAt === null && (
              <Button
                size="sm"
                variant="ghost"
                busy={action.isPending}
                onClick={() => action.mutate('resolve')}
              >
                Resolve
              </Button>
            )}
            <Button
              size="sm"
              variant="ghost"
              busy={inbox.isPending && inbox.variables?.action === 'done'}
              onClick={() => leaveWith('done')}
            >
              Mark done
            </Button>
            <SnoozeMenu
              align="start"
              subject={thread.subject}
              onSnooze={(until) =>
                inbox.mutate(
                  { threadId: thread.id, action: 'snooze', until },
                  { onSuccess: () => navigate('/') },
                )
              }
            />
            <Button
              size="sm"
              variant="ghost"
              busy={inbox.isPending && inbox.variables?.action === 'unread'}
              onClick={() => leaveWith('unread')}
            >
              Mark unread
            </Button>
            <AddPeopleButton thread={thread} />
            <ShareButton kind="thread" id={thread.id} />
          </>
        )}
      </div>
      {(action.isError || subscription.isError || inbox.isError) && (
        <Alert tone="error">{errorMessage(action.error ?? subscription.error ?? inbox.error)}</Alert>
      )}
    </header>
  );
}
