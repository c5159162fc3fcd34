import styles from './Logo.module.css';

/** The Tidings mark (a speech bubble) and, unless `markOnly`, the word. */
export function Logo({ markOnly = false }: { markOnly?: boolean }) {
  return (
    <span className={styles.logo}>
      <svg className={styles.mark} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" className={styles.tile} />
        <path
          className={styles.bubble}
          d="M9 11.5A3.5 3.5 0 0 1 12.5 8h7a3.5 3.5 0 0 1 3.5 3.5v5a3.5 3.5 0 0 1-3.5 3.5H15l-4.2 3.4c-.5.4-1.3 0-1.3-.6V20A3.5 3.5 0 0 1 9 16.5z"
        />
      </svg>
      {markOnly ? (
        <span className="visually-hidden">Tidings</span>
      ) : (
        <span className={styles.word}>Tidings</span>
      )}
    </span>
  );
}
