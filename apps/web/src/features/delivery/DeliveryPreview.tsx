import type { ExpectationKind } from '@tidings/contracts';
import { useEffect, useId, useMemo, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { cx } from '../../lib/cx';
import { Avatar } from '../../ui/Avatar';
import { Spinner } from '../../ui/Spinner';
import { type PreviewInput, useDeliveryPreview } from './api';
import styles from './DeliveryPreview.module.css';

export interface DeliveryPreviewProps {
  /** People addressed directly. */
  userIds: string[];
  /** Spaces addressed; their members are previewed too. */
  spaceIds: string[];
  /** Typed addresses of people outside the workspace: they are emailed, with no working hours. */
  outsiders?: { name: string; email: string }[] | undefined;
  kind: ExpectationKind;
  dueAt?: number | undefined;
  /** A scheduled send time; default now. */
  sendAt?: number | undefined;
  /** Urgent only: the sender confirmed it may interrupt people outside their hours. */
  interruptOutsideHours: boolean;
  onInterruptChange: (value: boolean) => void;
}

const SHOWN = 8;

/** Waits until the input has been still for `ms`, so typing does not send a request per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * For the composer: each recipient's local time and when this post will reach them
 * ("Ana — 22:10 in Lisbon — will see it at 09:00 tomorrow"), as the delivery engine will decide it.
 */
export function DeliveryPreview({
  userIds,
  spaceIds,
  outsiders = [],
  kind,
  dueAt,
  sendAt,
  interruptOutsideHours,
  onInterruptChange,
}: DeliveryPreviewProps) {
  const key = JSON.stringify([userIds, spaceIds, kind, dueAt, sendAt, interruptOutsideHours]);
  const settledKey = useDebounced(key, 350);
  const input = useMemo((): PreviewInput | null => {
    const [u, s, k, due, at, interrupt] = JSON.parse(settledKey) as [
      string[],
      string[],
      ExpectationKind,
      number | null,
      number | null,
      boolean,
    ];
    if (u.length === 0 && s.length === 0) return null;
    return {
      recipients: { userIds: u, spaceIds: s },
      expectation: {
        kind: k,
        ...(due != null && { dueAt: due }),
        ...(k === 'urgent' && { interruptOutsideHours: interrupt }),
      },
      ...(at != null && { sendAt: at }),
    };
  }, [settledKey]);
  const preview = useDeliveryPreview(input);
  const titleId = useId();
  const recipients = preview.data?.recipients ?? [];
  const outside = recipients.filter((r) => !r.working);
  const offerInterrupt = kind === 'urgent' && outside.length > 0;

  // A confirmation given for one set of recipients must not carry over to another.
  useEffect(() => {
    if (interruptOutsideHours && preview.isSuccess && !offerInterrupt) onInterruptChange(false);
  }, [interruptOutsideHours, offerInterrupt, preview.isSuccess, onInterruptChange]);

  if (userIds.length === 0 && spaceIds.length === 0 && outsiders.length === 0) return null;
  const first = recipients.slice(0, SHOWN);
  const rest = recipients.slice(SHOWN);

  return (
    <section className={styles.preview} aria-labelledby={titleId} aria-busy={preview.isFetching}>
      <div className={styles.head}>
        <h2 id={titleId} className={styles.title}>
          When they will see it
        </h2>
        {preview.isFetching && <Spinner size="sm" />}
      </div>
      {preview.isError && <p className={styles.error}>{errorMessage(preview.error)}</p>}
      {preview.isSuccess && recipients.length === 0 && outsiders.length === 0 && (
        <p className={styles.note}>Nobody else is in the chosen spaces yet.</p>
      )}
      {first.length > 0 && (
        <ul className={styles.list} aria-label="When recipients will see it">
          {first.map((r) => (
            <Row key={r.person.id} item={r} />
          ))}
        </ul>
      )}
      {outsiders.length > 0 && (
        <ul className={styles.list} aria-label="Emailed outside the workspace">
          {outsiders.map((o) => (
            <li key={o.email} className={styles.row} title={o.email}>
              <Avatar name={o.name} size="sm" />
              <span className={styles.text}>
                <span className={styles.name}>{o.name}</span>
                <span className={styles.dash}> — </span>
                <span className={cx(styles.reason, sendAt === undefined && styles.now)}>
                  {sendAt === undefined ? 'emailed now' : 'emailed when it is sent'} — outside the workspace
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {rest.length > 0 && (
        <details className={styles.more}>
          <summary>and {rest.length} more</summary>
          <ul className={styles.list}>
            {rest.map((r) => (
              <Row key={r.person.id} item={r} />
            ))}
          </ul>
        </details>
      )}
      {offerInterrupt && (
        <div className={styles.interrupt}>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={interruptOutsideHours}
              onChange={(e) => onInterruptChange(e.target.checked)}
            />
            <span>Interrupt outside working hours</span>
          </label>
          <p className={styles.note}>
            {outside.length === 1
              ? `${outside[0]?.person.name} is outside their working hours.`
              : `${outside.length} people are outside their working hours.`}{' '}
            Without this, it reaches them when their day starts.
          </p>
        </div>
      )}
    </section>
  );
}

type Item = NonNullable<ReturnType<typeof useDeliveryPreview>['data']>['recipients'][number];

function Row({ item }: { item: Item }) {
  const now = item.willBeNotifiedAt !== null && item.willBeNotifiedAt <= Date.now() + 60_000;
  return (
    <li className={styles.row}>
      <Avatar name={item.person.name} url={item.person.avatarUrl} size="sm" />
      <span className={styles.text}>
        <span className={styles.name}>{item.person.name}</span>
        <span className={styles.dash}> — </span>
        <span className={cx(styles.reason, now && styles.now)}>{item.reason}</span>
      </span>
    </li>
  );
}
