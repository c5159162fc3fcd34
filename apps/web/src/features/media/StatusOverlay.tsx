import type { Media } from '@tidings/contracts';
import { Spinner } from '../../ui/Spinner';
import { formatClock } from './api';
import styles from './Media.module.css';

/** What a viewer sees until the media can play: uploading, processing n%, or why it failed. */
export function StatusOverlay({ media }: { media: Media }) {
  const style = media.posterUrl ? { backgroundImage: `url(${media.posterUrl})` } : undefined;
  return (
    <div className={styles.overlay} style={style} role="status" aria-live="polite">
      {media.status === 'failed' ? (
        <p className={styles.failed}>
          This recording could not be processed: {media.error ?? 'unknown reason'}
        </p>
      ) : (
        <p>
          <Spinner size="sm" /> {statusLine(media)}
        </p>
      )}
    </div>
  );
}

export function statusLine(media: Media): string {
  switch (media.status) {
    case 'uploading':
      return media.recordingStoppedAt === null && media.source === 'recording'
        ? 'Recording in progress…'
        : `Uploading… ${formatBytes(media.uploadedBytes)}${media.sizeBytes ? ` of ${formatBytes(media.sizeBytes)}` : ''}`;
    case 'processing':
      return `Processing ${Math.round(media.progress ?? 0)}%`;
    case 'failed':
      return `Failed: ${media.error ?? 'unknown reason'}`;
    default:
      return media.durationMs ? `Ready · ${formatClock(media.durationMs)}` : 'Ready';
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
