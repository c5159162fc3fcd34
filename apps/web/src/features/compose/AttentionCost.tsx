import type { Media } from '@tidings/contracts';
import { attentionCost, suggestsSummary } from '../transcripts/playback';
import styles from './Compose.module.css';

/**
 * Before sending: what the attached recordings will cost the people who watch them
 * ("6 min × 8 people = 48 person-minutes"), and a nudge to summarise a long one sent widely.
 */
export function AttentionCost({ media, people }: { media: Media[]; people: number }) {
  const totalMs = media.reduce((sum, m) => sum + (m.durationMs ?? 0), 0);
  const cost = attentionCost(totalMs, people);
  if (!cost) return null;
  return (
    <div className={styles.attentionCost} role="status">
      <p className={styles.muted}>Attention cost: {cost}</p>
      {suggestsSummary(totalMs, people) && (
        <p className={styles.summaryHint}>Add a one-line summary so people can decide whether to watch.</p>
      )}
    </div>
  );
}
