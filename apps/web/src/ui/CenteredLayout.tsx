import type { ReactNode } from 'react';
import { cx } from '../lib/cx';
import styles from './CenteredLayout.module.css';
import { Logo } from './Logo';
import { ThemeToggle } from './ThemeToggle';

interface CenteredLayoutProps {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

/** The signed-out pages (setup, sign-in, invite, 404): a single card in the middle of the page. */
export function CenteredLayout({ title, description, children, footer, wide }: CenteredLayoutProps) {
  return (
    <div className={styles.page}>
      <header className={styles.top}>
        <Logo />
        <ThemeToggle compact />
      </header>
      <main className={cx(styles.main, wide && styles.wide)}>
        <div className={styles.card}>
          <div className={styles.intro}>
            <h1 className={styles.title}>{title}</h1>
            {description && <div className={styles.description}>{description}</div>}
          </div>
          {children}
        </div>
        {footer && <div className={styles.footer}>{footer}</div>}
      </main>
    </div>
  );
}
