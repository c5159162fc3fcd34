import type { OutboxMessage } from '@tidings/contracts';
import { useEffect, useRef, useState } from 'react';
import { canManageMembers, useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { formatDateTime } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import styles from './Admin.module.css';
import { parseHeaders, useMailStatus, useOutbox, useOutboxMessage } from './api';

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** `/admin/outbox`: how mail goes out, and the emails written to data/outbox (admins). */
export function OutboxPage() {
  useDocumentTitle('Outbox');
  const { user } = useCurrentSession();
  const admin = canManageMembers(user);
  const status = useMailStatus(admin);
  const outbox = useOutbox(admin);
  const [selected, setSelected] = useState<OutboxMessage | null>(null);
  if (!admin) return <Alert tone="info">Only owners and admins see the outbox.</Alert>;

  const messages = outbox.data?.messages ?? [];
  return (
    <>
      <Section title="Mail" description="How Tidings sends notification, reminder and digest emails.">
        {status.isPending && <Spinner label="Loading mail status" />}
        {status.isError && <Alert tone="error">{status.error.message}</Alert>}
        {status.data && (
          <dl className={styles.status}>
            <div>
              <dt>Transport</dt>
              <dd>
                {status.data.transport === 'smtp' && status.data.smtp ? (
                  <>
                    <Badge tone="success">SMTP</Badge> {status.data.smtp.host}:{status.data.smtp.port}
                    {status.data.smtp.secure ? ' (TLS)' : ''}
                  </>
                ) : (
                  <>
                    <Badge tone="accent">Outbox</Badge> .eml files in data/outbox — no SMTP server configured
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>From</dt>
              <dd>{status.data.from}</dd>
            </div>
            <div>
              <dt>Last error</dt>
              <dd>
                {status.data.lastError ? (
                  <span className={styles.failure}>
                    {formatDateTime(status.data.lastError.at)}: {status.data.lastError.message}
                  </span>
                ) : (
                  'None'
                )}
              </dd>
            </div>
          </dl>
        )}
      </Section>

      <Section
        title="Outbox"
        description={
          outbox.data && outbox.data.total > messages.length
            ? `The newest ${messages.length} of ${outbox.data.total} emails.`
            : 'Emails written to data/outbox, newest first.'
        }
        flush
      >
        {outbox.isPending && (
          <div className={styles.loading}>
            <Spinner label="Loading the outbox" />
          </div>
        )}
        {outbox.isError && (
          <div className={styles.padded}>
            <Alert tone="error">{outbox.error.message}</Alert>
          </div>
        )}
        {outbox.data && messages.length === 0 && (
          <div className={styles.empty}>
            <p className={styles.emptyTitle}>No emails yet.</p>
            <p>
              With no SMTP server configured, Tidings writes emails here as .eml files instead of sending
              them, so you can see exactly what people would receive. Set SMTP_HOST (and SMTP_PORT, SMTP_USER,
              SMTP_PASSWORD, MAIL_FROM) to send real mail.
            </p>
          </div>
        )}
        {messages.length > 0 && (
          <ul className={styles.messages} aria-label="Emails in the outbox">
            {messages.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className={cx(styles.message, selected?.id === m.id && styles.selected)}
                  aria-pressed={selected?.id === m.id}
                  onClick={() => setSelected(selected?.id === m.id ? null : m)}
                >
                  <span className={styles.subject}>{m.subject || '(no subject)'}</span>
                  <span className={styles.meta}>
                    To {m.to} · {formatDateTime(m.date)} · {formatSize(m.size)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {selected && <MessagePanel message={selected} onClose={() => setSelected(null)} />}
    </>
  );
}

function MessagePanel({ message, onClose }: { message: OutboxMessage; onClose: () => void }) {
  const raw = useOutboxMessage(message.id);
  const heading = useRef<HTMLDivElement>(null);
  // Bring the panel into view and give it focus, so keyboard and screen-reader users land on it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new message is the trigger
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, [message.id]);
  const headers = raw.data ? parseHeaders(raw.data) : null;

  return (
    <div ref={heading} tabIndex={-1} className={styles.panelAnchor}>
      <Section
        title={message.subject || '(no subject)'}
        description={`To ${message.to} · ${formatDateTime(message.date)}`}
        actions={
          <Button size="sm" variant="ghost" onClick={onClose}>
            Close
          </Button>
        }
      >
        {raw.isPending && <Spinner label="Loading the email" />}
        {raw.isError && <Alert tone="error">{raw.error.message}</Alert>}
        {headers && (
          <dl className={styles.headers}>
            {['from', 'to', 'date', 'message-id', 'in-reply-to', 'list-unsubscribe'].map((name) =>
              headers.has(name) ? (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{headers.get(name)}</dd>
                </div>
              ) : null,
            )}
          </dl>
        )}
        {raw.data && (
          <>
            <h3 className="visually-hidden">Raw message</h3>
            <pre className={styles.raw}>{raw.data}</pre>
          </>
        )}
      </Section>
    </div>
  );
}
