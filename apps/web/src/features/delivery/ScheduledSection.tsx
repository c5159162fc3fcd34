import type { ScheduledPost } from '@tidings/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { ApiRequestError, errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { formatDayTime, fromLocalInput, toLocalInput } from '../../lib/due';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import { TextField } from '../../ui/TextField';
import { useCancelScheduled, useScheduled, useUpdateScheduled } from './api';
import styles from './Lists.module.css';

type Scheduled = z.infer<typeof ScheduledPost>;

/** My posts waiting for their time; editable and cancellable until they go out. */
export function ScheduledSection() {
  const list = useScheduled();
  const waiting = list.data?.scheduled.filter((s) => s.status === 'scheduled') ?? [];
  const done = list.data?.scheduled.filter((s) => s.status !== 'scheduled').slice(0, 20) ?? [];
  return (
    <Section
      title="Scheduled posts"
      description="Posts you set to go out later. Change the time or cancel until then."
      flush
    >
      {list.isPending && (
        <div className={styles.loading}>
          <Spinner label="Loading scheduled posts" />
        </div>
      )}
      {list.isError && (
        <div className={styles.padded}>
          <Alert tone="error">{list.error.message}</Alert>
        </div>
      )}
      {list.data && waiting.length === 0 && (
        <p className={styles.empty}>
          Nothing scheduled. Choose “Send later” in the composer to schedule a post.
        </p>
      )}
      {waiting.length > 0 && (
        <ul className={styles.list} aria-label="Scheduled posts">
          {waiting.map((post) => (
            <ScheduledRow key={post.id} post={post} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <details className={styles.history}>
          <summary>Sent and cancelled ({done.length})</summary>
          <ul className={styles.list}>
            {done.map((post) => (
              <ScheduledRow key={post.id} post={post} />
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function titleOf(post: Scheduled): string {
  if (post.subject) return post.subject;
  return post.kind === 'reply' ? 'Reply' : 'New thread';
}

function ScheduledRow({ post }: { post: Scheduled }) {
  const { user } = useCurrentSession();
  const update = useUpdateScheduled();
  const cancel = useCancelScheduled();
  const [editing, setEditing] = useState(false);
  const [when, setWhen] = useState(() => toLocalInput(post.sendAt));
  const title = titleOf(post);
  const timeError = update.error instanceof ApiRequestError ? update.error.fields.sendAt : undefined;
  const error = timeError ? cancel.error : (update.error ?? cancel.error);

  return (
    <li className={styles.item}>
      <div className={styles.itemMain}>
        <span className={styles.itemTitle}>
          {post.threadId ? <Link to={`/threads/${encodeURIComponent(post.threadId)}`}>{title}</Link> : title}
          {post.kind === 'reply' && <Badge>Reply</Badge>}
          {post.status !== 'scheduled' && (
            <Badge
              tone={post.status === 'sent' ? 'success' : post.status === 'failed' ? 'danger' : 'neutral'}
            >
              {post.status}
            </Badge>
          )}
        </span>
        <span className={styles.itemMeta}>
          {post.status === 'scheduled' ? 'Goes out' : 'Was due'} {formatDayTime(post.sendAt, user.timeZone)}
          {post.body && ` · ${post.body.slice(0, 80)}${post.body.length > 80 ? '…' : ''}`}
        </span>
        {post.error && <span className={styles.error}>{post.error}</span>}
        {error && <Alert tone="error">{errorMessage(error)}</Alert>}
        {editing && (
          <form
            className={styles.editTime}
            onSubmit={(e) => {
              e.preventDefault();
              const sendAt = fromLocalInput(when);
              if (sendAt === undefined) return;
              update.mutate({ id: post.id, sendAt }, { onSuccess: () => setEditing(false) });
            }}
          >
            <TextField
              label={`New time for “${title}”`}
              type="datetime-local"
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              hint="In this device's time zone."
              error={timeError}
            />
            <div className={styles.editActions}>
              <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
                Keep time
              </Button>
              <Button size="sm" variant="primary" type="submit" busy={update.isPending}>
                Save time
              </Button>
            </div>
          </form>
        )}
      </div>
      {post.status === 'scheduled' && !editing && (
        <div className={styles.itemActions}>
          <Button size="sm" onClick={() => setEditing(true)}>
            Change time<span className="visually-hidden"> of {title}</span>
          </Button>
          <Button size="sm" variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate(post.id)}>
            Cancel<span className="visually-hidden"> {title}</span>
          </Button>
        </div>
      )}
    </li>
  );
}
