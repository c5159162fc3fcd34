import { type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';
import styles from './Section.module.css';

interface SectionProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Drop the card's inner padding, for lists that run edge to edge. */
  flush?: boolean;
}

/** A titled card on a settings page; the heading names the region. */
export function Section({ title, description, actions, children, flush }: SectionProps) {
  const id = useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <div className={styles.head}>
        <div className={styles.headText}>
          <h2 id={id} className={styles.title}>
            {title}
          </h2>
          {description && <p className={styles.description}>{description}</p>}
        </div>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      <div className={cx(styles.body, flush && styles.flush)}>{children}</div>
    </section>
  );
}
