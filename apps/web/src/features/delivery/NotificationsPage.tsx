import type { NotificationView } from '@tidings/contracts';
import { Link } from 'react-router';
import type { z } from 'zod';
import { useCurrentSession } from '../../api/session';
import { formatDayTime } from '../../lib/due';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import { useNotifications } from './api';
import styles from './Lists.module.css';
import { ScheduledSection } from './ScheduledSection';

type Notification = z.infer<typeof NotificationView>;

const reasons: Record<Notification['reason'], string> = {
  urgent: 'Urgent post',
  digest: 'In a digest',
  reminder: 'Reminder',
  overdue: 'Overdue',
  no_answer: 'No answer yet',
  mention: 'Mention',
};

const channels: Record<Notification['channel'], string> = {
  in_app: 'In the app',
  email: 'Email',
  digest: 'Digest email',
};

const statusLabel: Record<Notification['status'], string> = {
  pending: 'Waiting',
  queued: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
};

const statusTone = {
  pending: 'neutral',
  queued: 'accent',
  delivered: 'success',
  failed: 'danger',
  skipped: 'neutral',
} as const;

/** `/settings/notifications`: what the delivery engine decided for me, and my scheduled posts. */
export function NotificationsPage() {
  useDocumentTitle('Notifications');
  return (
    <>
      <p className={styles.back}>
        <Link to="/settings/delivery">← Delivery settings</Link>
      </p>
      <NotificationsSection />
      <ScheduledSection />
    </>
  );
}

export function NotificationsSection() {
  const { user } = useCurrentSession();
  const list = useNotifications();
  return (
    <Section
      title="Your notifications"
      description={`What Tidings decided to send you, when, and how it went — times in ${user.timeZone.replaceAll('_', ' ')}.`}
      flush
    >
      {list.isPending && (
        <div className={styles.loading}>
          <Spinner label="Loading notifications" />
        </div>
      )}
      {list.isError && (
        <div className={styles.padded}>
          <Alert tone="error">{list.error.message}</Alert>
        </div>
      )}
      {list.data && list.data.notifications.length === 0 && (
        <p className={styles.empty}>
          Nothing yet. When someone writes to you, each notification and digest appears here with the time it
          was due and the time it went out.
        </p>
      )}
      {list.data && list.data.notifications.length > 0 && (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className="visually-hidden">Your recent notifications</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Channel</th>
                <th scope="col">Due</th>
                <th scope="col">Delivered</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.notifications.map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/threads/${encodeURIComponent(n.threadId)}#post-${n.postId}`}>
                      {reasons[n.reason]}
                    </Link>
                  </td>
                  <td>{channels[n.channel]}</td>
                  <td className={styles.num}>{formatDayTime(n.deliverAt, user.timeZone)}</td>
                  <td className={styles.num}>
                    {n.deliveredAt ? formatDayTime(n.deliveredAt, user.timeZone) : '—'}
                  </td>
                  <td>
                    <Badge tone={statusTone[n.status]}>{statusLabel[n.status]}</Badge>
                    {n.error && (
                      <span className={styles.error}>
                        {n.error} (attempt {n.attempts})
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
