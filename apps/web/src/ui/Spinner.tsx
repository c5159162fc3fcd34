import { cx } from '../lib/cx';
import styles from './Spinner.module.css';

export function Spinner({ size = 'md', label }: { size?: 'sm' | 'md' | 'lg'; label?: string }) {
  return (
    <span
      className={cx(styles.spinner, styles[size])}
      role={label ? 'status' : undefined}
      aria-hidden={!label}
    >
      {label && <span className="visually-hidden">{label}</span>}
    </span>
  );
}

/** A whole-screen wait, for the first load of the app. */
export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className={styles.page}>
      <Spinner size="lg" label={label} />
    </div>
  );
}
