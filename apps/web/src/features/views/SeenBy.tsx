import type { MediaViews, PersonViews } from '@tidings/contracts';
import { Avatar } from '../../ui/Avatar';
import { formatClock } from '../media/api';
import { useMediaViews } from './api';
import styles from './Views.module.css';

/** Under the author's own recording: who among the people addressed watched, and which parts. */
export function SeenBy({ mediaId }: { mediaId: string }) {
  const { data } = useMediaViews(mediaId, true);
  if (!data) return null;
  const { counts, linkViews } = data;
  return (
    <section className={styles.seenBy} aria-label="Seen by">
      <h4 className={styles.heading}>
        Seen by {counts.viewed} of {counts.addressed}
        {counts.started > counts.viewed && (
          <span className={styles.muted}> · {counts.started - counts.viewed} started</span>
        )}
      </h4>
      {data.named ? (
        <ul className={styles.people}>
          {data.people.map((p) => (
            <PersonRow key={p.person.id} view={p} durationMs={data.durationMs} />
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>Your workspace shows counts only, not names.</p>
      )}
      <LinkViews linkViews={linkViews} />
    </section>
  );
}

function PersonRow({ view, durationMs }: { view: PersonViews; durationMs: MediaViews['durationMs'] }) {
  const total = durationMs ?? 0;
  const status = view.watchedMs === 0 ? 'Not yet' : `${Math.round(view.percent)} %`;
  return (
    <li className={styles.person} data-person={view.person.name}>
      <Avatar name={view.person.name} url={view.person.avatarUrl} size="sm" />
      <span className={styles.name}>{view.person.name}</span>
      <span
        className={styles.track}
        role="img"
        aria-label={`${view.person.name} watched ${formatClock(view.watchedMs)}${
          total ? ` of ${formatClock(total)}` : ''
        }: ${view.ranges.map(([a, b]) => `${formatClock(a)}–${formatClock(b)}`).join(', ') || 'nothing yet'}`}
      >
        {total > 0 &&
          view.ranges.map(([a, b]) => (
            <span
              key={a}
              className={styles.segment}
              data-segment=""
              style={{ left: `${(a / total) * 100}%`, width: `${((b - a) / total) * 100}%` }}
            />
          ))}
      </span>
      <span className={view.counted ? styles.percent : styles.mutedPercent}>{status}</span>
    </li>
  );
}

function LinkViews({ linkViews }: { linkViews: MediaViews['linkViews'] }) {
  if (linkViews.viewers === 0) return null;
  return (
    <p className={styles.muted}>
      Through share links: {linkViews.viewers} {linkViews.viewers === 1 ? 'viewer' : 'viewers'},{' '}
      {linkViews.counted} counted as {linkViews.counted === 1 ? 'a view' : 'views'}
    </p>
  );
}
