import type { Post } from '@tidings/contracts';
import { formatDayTime } from '../../lib/due';
import styles from './Thread.module.css';

/** For the post's author: who has answered, who has seen it, who has not yet. */
export function PostStatus({ post, timeZone }: { post: Post; timeZone: string }) {
  const answered = post.asks.filter((a) => a.answeredAt !== null);
  const seen = post.asks.filter((a) => a.answeredAt === null && a.seenAt !== null);
  const waiting = post.asks.filter((a) => a.answeredAt === null && a.seenAt === null);
  const seenOnly = post.asks.length === 0 ? post.seenBy : [];
  if (answered.length + seen.length + waiting.length + seenOnly.length === 0) return null;

  return (
    <ul className={styles.status} aria-label="Who has answered">
      {answered.map((a) => (
        <li
          key={a.person.id}
          className={styles.answered}
          title={a.answeredAt ? formatDayTime(a.answeredAt, timeZone) : ''}
        >
          ✓ {a.answeredHow === 'decided' ? 'decided' : 'answered'} by {a.person.name}
        </li>
      ))}
      {seen.length > 0 && (
        <li className={styles.seen}>Seen by {seen.map((a) => a.person.name).join(', ')}</li>
      )}
      {seenOnly.length > 0 && (
        <li className={styles.seen}>Seen by {seenOnly.map((p) => p.name).join(', ')}</li>
      )}
      {waiting.length > 0 && (
        <li className={styles.waiting}>Not yet: {waiting.map((a) => a.person.name).join(', ')}</li>
      )}
    </ul>
  );
}
