import type { Channels } from '@tidings/contracts';
import { useId, useState } from 'react';
import { cx } from '../../lib/cx';
import { Button } from '../../ui/Button';
import field from '../../ui/Field.module.css';
import { CloseIcon } from '../../ui/icons';
import styles from './Delivery.module.css';

const kinds: Array<{ key: keyof Channels; label: string; hint: string }> = [
  { key: 'urgent', label: 'Urgent', hint: 'At once, inside your hours' },
  { key: 'reminder', label: 'Reminders', hint: 'Before a due date' },
  { key: 'mention', label: 'Mentions', hint: 'When someone @mentions you' },
  { key: 'digest', label: 'Digest', hint: 'Everything else, gathered' },
];

/** In the app / by email, per kind of notification. */
export function ChannelsEditor({ value, onChange }: { value: Channels; onChange: (v: Channels) => void }) {
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Channels</legend>
      <table className={styles.channels}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Kind</span>
            </th>
            <th scope="col">In the app</th>
            <th scope="col">Email</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map(({ key, label, hint }) => (
            <tr key={key}>
              <th scope="row">
                <span className={styles.kind}>{label}</span>
                <span className={styles.kindHint}>{hint}</span>
              </th>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${label} in the app`}
                  checked={value[key].inApp}
                  onChange={(e) => onChange({ ...value, [key]: { ...value[key], inApp: e.target.checked } })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${label} by email`}
                  checked={value[key].email}
                  onChange={(e) => onChange({ ...value, [key]: { ...value[key], email: e.target.checked } })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

interface DigestProps {
  value: string[];
  onChange: (value: string[]) => void;
  field: (path: string) => string | undefined;
}

/** Digest times as removable chips, plus a time input to add one. */
export function DigestTimesEditor({ value, onChange, field: fieldError }: DigestProps) {
  const id = useId();
  const [draft, setDraft] = useState('12:00');
  const errors = value
    .map((time, i) => ({ time, message: fieldError(`digestTimes.${i}`) }))
    .filter((e) => e.message);
  const listError = fieldError('digestTimes');
  const describedBy = errors.length > 0 || listError ? `${id}-error` : undefined;

  function add() {
    if (!/^\d\d:\d\d$/.test(draft) || value.includes(draft)) return;
    onChange([...value, draft].sort());
  }

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Digest times</legend>
      <p className={styles.help}>
        Your local times for the digest on working days; each must fall in your hours.
      </p>
      <ul className={styles.chips} aria-label="Digest times">
        {value.length === 0 && <li className={styles.off}>No digest times</li>}
        {value.map((time, i) => (
          <li key={time} className={cx(styles.chip, fieldError(`digestTimes.${i}`) && styles.chipInvalid)}>
            {time}
            <button
              type="button"
              className={styles.chipRemove}
              onClick={() => onChange(value.filter((t) => t !== time))}
            >
              <CloseIcon />
              <span className="visually-hidden">Remove the {time} digest</span>
            </button>
          </li>
        ))}
      </ul>
      {(errors.length > 0 || listError) && (
        <p id={`${id}-error`} className={field.error} role="alert">
          {[listError, ...errors.map((e) => e.message)].filter(Boolean).join(' · ')}
        </p>
      )}
      <div className={styles.range}>
        <label htmlFor={`${id}-add`} className={styles.inlineLabel}>
          Add a digest time
        </label>
        <input
          id={`${id}-add`}
          type="time"
          step={60}
          className={cx(field.control, styles.time)}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-describedby={describedBy}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button size="sm" onClick={add} disabled={value.length >= 8 || value.includes(draft)}>
          Add
        </Button>
      </div>
    </fieldset>
  );
}
