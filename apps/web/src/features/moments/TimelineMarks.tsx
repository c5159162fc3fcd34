import { cx } from '../../lib/cx';
import styles from './Moments.module.css';
import type { TimelineMark } from './MomentsScope';

/**
 * Comment dots and reaction emoji laid over a player's seek bar. Each is a button: hover or focus
 * shows what was said, a click seeks there.
 */
export function TimelineMarks({
  marks,
  durationMs,
  onSeek,
}: {
  marks: TimelineMark[] | undefined;
  durationMs: number;
  onSeek: (ms: number) => void;
}) {
  if (!marks || marks.length === 0 || durationMs <= 0) return null;
  return (
    <ul className={styles.marks} aria-label="Comments and reactions on the timeline">
      {marks.map((mark) => {
        const left = Math.min(100, Math.max(0, (mark.atMs / durationMs) * 100));
        return (
          <li
            key={mark.key}
            className={styles.markItem}
            style={{ left: `${left}%` }}
            // Near an edge the tip opens inward, so the player's frame does not cut it off.
            data-edge={left < 25 ? 'start' : left > 75 ? 'end' : undefined}
          >
            <button
              type="button"
              className={cx(styles.mark, mark.kind === 'comment' ? styles.commentMark : styles.reactionMark)}
              aria-label={mark.label}
              data-mark={mark.kind}
              onClick={() => onSeek(mark.atMs)}
            >
              {mark.symbol}
            </button>
            <span className={styles.markTip} aria-hidden="true">
              {mark.label}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
