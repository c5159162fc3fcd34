import type { ReactNode } from 'react';
import { cx } from '../lib/cx';
import styles from './Alert.module.css';

interface AlertProps {
  tone?: 'error' | 'success' | 'info' | 'warning';
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}

/** Errors are announced at once (role=alert); other tones politely (role=status). */
export function Alert({ tone = 'info', title, children, action, className }: AlertProps) {
  return (
    <div className={cx(styles.alert, styles[tone], className)} role={tone === 'error' ? 'alert' : 'status'}>
      <div className={styles.body}>
        {title && <p className={styles.title}>{title}</p>}
        {children && <div className={styles.text}>{children}</div>}
      </div>
      {action && <div className={styles.action}>{action}</div>}
    </div>
  );
}
