import { InboxSection } from '@tidings/contracts';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import { useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { useDocumentTitle } from '../../lib/navigation';
import { useListNavigation } from '../../lib/useListNavigation';
import { Alert } from '../../ui/Alert';
import { Button, ButtonLink } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { CheckIcon, InboxIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { Spinner } from '../../ui/Spinner';
import { useInbox, useInboxAction, useInboxCounts } from './api';
import styles from './Inbox.module.css';
import { InboxRow } from './InboxRow';
import { sortNeedsReply } from './order';

const sections: Array<{ id: InboxSection; label: string; empty: string; hint: string }> = [
  {
    id: 'needs_reply',
    label: 'Needs your reply',
    empty: 'Nothing needs your reply',
    hint: 'When someone asks you for an answer or a decision, it waits here, most pressing first.',
  },
  {
    id: 'updates',
    label: 'Updates',
    empty: 'No updates',
    hint: 'Messages that need no reply, and new posts in threads you follow, show up here.',
  },
  {
    id: 'done',
    label: 'Done',
    empty: 'Nothing marked done yet',
    hint: 'Press e on a thread to mark it done.',
  },
  {
    id: 'snoozed',
    label: 'Snoozed',
    empty: 'Nothing snoozed',
    hint: 'Snooze a thread to put it away until a time you choose; it comes back on its own.',
  },
];

export function InboxPage() {
  useDocumentTitle('Inbox');
  const { user } = useCurrentSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const parsed = InboxSection.safeParse(params.get('section'));
  const section = parsed.success ? parsed.data : 'needs_reply';
  const current = sections.find((s) => s.id === section) ?? sections[0];
  const inbox = useInbox(section);
  const counts = useInboxCounts();
  const action = useInboxAction();

  const items = useMemo(() => {
    const list = inbox.data?.pages.flatMap((page) => page.items) ?? [];
    return section === 'needs_reply' ? sortNeedsReply(list) : list;
  }, [inbox.data, section]);

  const open = (index: number) => {
    const item = items[index];
    if (item) navigate(`/threads/${encodeURIComponent(item.threadId)}`);
  };
  const { selected, setSelected } = useListNavigation({
    count: items.length,
    onOpen: open,
    onDone: (index) => {
      const item = items[index];
      if (item) action.mutate({ threadId: item.threadId, action: section === 'done' ? 'undone' : 'done' });
    },
  });

  const countFor = (id: InboxSection) =>
    id === 'needs_reply' ? counts.data?.needsReply : id === 'updates' ? counts.data?.updates : undefined;

  return (
    <>
      <PageHeader
        title="Inbox"
        description="Threads that ask something of you, on your own time."
        actions={
          <ButtonLink to="/new" variant="primary" className={styles.phoneOnly}>
            New thread
          </ButtonLink>
        }
      />
      <div className={styles.tabs} role="tablist" aria-label="Inbox sections">
        {sections.map((s) => {
          const count = countFor(s.id);
          return (
            <button
              key={s.id}
              type="button"
              role="tab"
              id={`tab-${s.id}`}
              aria-selected={s.id === section}
              aria-controls="inbox-panel"
              className={cx(styles.tabButton, s.id === section && styles.tabActive)}
              onClick={() => {
                setSelected(-1);
                setParams(s.id === 'needs_reply' ? {} : { section: s.id }, { replace: true });
              }}
            >
              {s.label}
              {count ? (
                <span className={styles.count}>
                  <span className="visually-hidden">, </span>
                  {count}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      <div id="inbox-panel" role="tabpanel" aria-labelledby={`tab-${section}`} className={styles.panel}>
        {action.isError && <Alert tone="error">{errorMessage(action.error)}</Alert>}
        {inbox.isPending ? (
          <div className={styles.loading}>
            <Spinner label="Loading your inbox" />
          </div>
        ) : inbox.isError ? (
          <Alert tone="error">{errorMessage(inbox.error)}</Alert>
        ) : items.length === 0 ? (
          <EmptyState icon={section === 'done' ? <CheckIcon /> : <InboxIcon />} title={current?.empty}>
            {current?.hint}
          </EmptyState>
        ) : (
          <ul className={styles.list} aria-label={current?.label}>
            {items.map((item, index) => (
              <InboxRow
                key={item.threadId}
                item={item}
                index={index}
                section={section}
                selected={index === selected}
                timeZone={user.timeZone}
                onSelect={() => setSelected(index)}
                onAction={(name, until) =>
                  action.mutate({ threadId: item.threadId, action: name, ...(until ? { until } : {}) })
                }
              />
            ))}
          </ul>
        )}
        {inbox.hasNextPage && (
          <Button
            className={styles.more}
            busy={inbox.isFetchingNextPage}
            onClick={() => inbox.fetchNextPage()}
          >
            Show more
          </Button>
        )}
      </div>
    </>
  );
}
