import { useState } from 'react';
import { cx } from '../lib/cx';
import styles from './Avatar.module.css';

interface AvatarProps {
  name: string;
  url?: string | null;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  className?: string;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function paletteIndex(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 8;
}

/** A photo when there is one (and it loads), otherwise initials on a colour picked from the name. */
export function Avatar({ name, url, size = 'md', className }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const showImage = url && failedUrl !== url;
  return (
    <span
      className={cx(styles.avatar, styles[size], styles[`c${paletteIndex(name)}`], className)}
      aria-hidden="true"
    >
      {showImage ? (
        <img className={styles.image} src={url} alt="" onError={() => setFailedUrl(url)} />
      ) : (
        initials(name)
      )}
    </span>
  );
}
