import type { InboxItem, InboxSection } from '@tidings/contracts';
import { Link } from 'react-router';
import { cx } from '../../lib/cx';
import { formatRelative } from '../../lib/dates';
import { expectationLabel, formatDayTime, formatListTime } from '../../lib/due';
import { Avatar } from '../../ui/Avatar';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import type { InboxAction } from './api';
import styles from './Inbox.module.css';
import { SnoozeMenu } from './SnoozeMenu';

interface RowProps {
  item: InboxItem;
  index: number;
  section: InboxSection;
  selected: boolean;
  timeZone: string;
  onSelect: () => void;
  onAction: (action: InboxAction | 'snooze', until?: number) => void;
}

const tones = {
  urgent: 'danger',
  decision_by: 'warning',
  reply_by: 'accent',
  reply: 'accent',
  fyi: 'neutral',
} as const;

export function InboxRow({ item, index, section, selected, timeZone, onSelect, onAction }: RowProps) {
  const href = `/threads/${encodeURIComponent(item.threadId)}`;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: j/k select rows from the keyboard; the click only syncs it
    <li
      className={cx(styles.row, item.unread && styles.unread, selected && styles.selected)}
      data-row-index={index}
      aria-current={selected || undefined}
      onClick={onSelect}
    >
      <span className={styles.dot} aria-hidden="true" />
      <Avatar
        name={item.lastAuthor.name}
        url={item.lastAuthor.avatarUrl}
        size="md"
        className={styles.avatar}
      />
      <div className={styles.main}>
        <div className={styles.line}>
          <Link to={href} className={styles.subject} data-row-link>
            {item.unread && <span className="visually-hidden">Unread: </span>}
            {item.subject}
          </Link>
          <time
            className={styles.time}
            dateTime={new Date(item.lastPostAt).toISOString()}
            title={formatDayTime(item.lastPostAt, timeZone)}
          >
            {formatListTime(item.lastPostAt, timeZone)}
          </time>
        </div>
        <div className={styles.line}>
          <p className={styles.excerpt}>
            <span className={styles.author}>{item.lastAuthor.name}</span>
            {item.excerpt && <span> — {item.excerpt}</span>}
          </p>
        </div>
        <div className={styles.meta}>
          {item.expectation && (item.needsReply || item.expectation === 'fyi') && (
            <Badge tone={tones[item.expectation]}>
              {expectationLabel(item.expectation, item.dueAt, timeZone)}
            </Badge>
          )}
          {item.needsReply && item.dueAt !== null && (
            <span
              className={cx(styles.due, item.overdue && styles.overdue)}
              title={formatDayTime(item.dueAt, timeZone)}
            >
              {item.overdue ? `overdue (${formatRelative(item.dueAt)})` : `due ${formatRelative(item.dueAt)}`}
            </span>
          )}
          {item.resolved && <Badge tone="success">Resolved</Badge>}
          {section === 'snoozed' && item.snoozedUntil && (
            <span className={styles.due}>until {formatDayTime(item.snoozedUntil, timeZone)}</span>
          )}
        </div>
      </div>
      <div className={styles.actions}>
        {section === 'done' ? (
          <Button size="sm" variant="ghost" onClick={() => onAction('undone')}>
            Not done<span className="visually-hidden">: {item.subject}</span>
          </Button>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => onAction('done')}>
            Done<span className="visually-hidden">: {item.subject}</span>
          </Button>
        )}
        {section === 'snoozed' ? (
          <Button size="sm" variant="ghost" onClick={() => onAction('unsnooze')}>
            Unsnooze<span className="visually-hidden">: {item.subject}</span>
          </Button>
        ) : (
          <SnoozeMenu subject={item.subject} onSnooze={(until) => onAction('snooze', until)} />
        )}
        {item.unread ? (
          <Button size="sm" variant="ghost" onClick={() => onAction('read')}>
            Mark read<span className="visually-hidden">: {item.subject}</span>
          </Button>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => onAction('unread')}>
            Mark unread<span className="visually-hidden">: {item.subject}</span>
          </Button>
        )}
      </div>
    </li>
  );
}
