import type { Post } from '@tidings/contracts';
import styles from './PostFiles.module.css';

/** "1.2 MB": sizes the way people read them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Files attached to a post that are not recordings (a PDF sent by email): each one downloads. */
export function PostFiles({ files }: { files: Post['files'] }) {
  if (!files || files.length === 0) return null;
  return (
    <ul className={styles.files} aria-label="Attached files">
      {files.map((file) => (
        <li key={file.id}>
          <a className={styles.file} href={file.url} download={file.name}>
            <span className={styles.name}>{file.name}</span>
            <span className={styles.size}>{formatFileSize(file.sizeBytes)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** "via email" beside the time of a post that came in by email. */
export function ViaBadge({ via }: { via: Post['via'] }) {
  if (via !== 'email') return null;
  return <span className={styles.via}> · via email</span>;
}
