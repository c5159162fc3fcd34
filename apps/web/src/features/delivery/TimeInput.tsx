import { useId } from 'react';
import { cx } from '../../lib/cx';
import field from '../../ui/Field.module.css';
import styles from './Delivery.module.css';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  type?: 'time' | 'date';
  /** Keep the label for screen readers only (the row already shows the day). */
  hiddenLabel?: boolean;
  /** Optional id of an error shown elsewhere (one message for a whole row). */
  describedBy?: string | undefined;
}

/** A compact labelled time (or date) input for the editors on the delivery page. */
export function TimeInput({ label, value, onChange, error, type = 'time', hiddenLabel, describedBy }: Props) {
  const id = useId();
  return (
    <span className={styles.timeInput}>
      <label htmlFor={id} className={cx(hiddenLabel ? 'visually-hidden' : styles.inlineLabel)}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        step={type === 'time' ? 60 : undefined}
        className={cx(field.control, type === 'time' ? styles.time : styles.date)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        required
      />
    </span>
  );
}

/** Messages for a row, announced and linked to its inputs by id. */
export function RowErrors({ id, messages }: { id: string; messages: Array<string | undefined> }) {
  const shown = [...new Set(messages.filter((m): m is string => Boolean(m)))];
  if (shown.length === 0) return null;
  return (
    <p id={id} className={cx(field.error, styles.rowError)} role="alert">
      {shown.join(' · ')}
    </p>
  );
}
