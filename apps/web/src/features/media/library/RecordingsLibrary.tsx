import type { Media } from '@tidings/contracts';
import { type ReactNode, useId, useRef, useState } from 'react';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { SearchIcon } from '../../../ui/icons';
import { useMyMedia } from '../api';
import { DeleteRecordingDialog } from './DeleteRecordingDialog';
import { VideoIcon } from './icons';
import { filterRecordings, type KindFilter } from './library';
import { RecordingCard } from './RecordingCard';
import styles from './Recordings.module.css';

const KINDS: Array<{ value: KindFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'video', label: 'Video' },
  { value: 'audio', label: 'Voice' },
];

/** The person's recordings as a grid of cards, with a filter; `recordButton` starts a new one. */
export function RecordingsLibrary({ recordButton }: { recordButton: ReactNode }) {
  const mine = useMyMedia();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [deleting, setDeleting] = useState<Media | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const justDeleted = useRef(false);
  const headingId = useId();

  const heading = (
    <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.heading}>
      Your recordings
    </h2>
  );

  if (mine.isPending) {
    return (
      <section className={styles.library} aria-labelledby={headingId} aria-busy="true">
        {heading}
        <ul className={styles.grid} aria-label="Loading recordings">
          {[0, 1, 2].map((i) => (
            <li key={i} className={styles.skeleton} />
          ))}
        </ul>
      </section>
    );
  }

  if (mine.isError) {
    return (
      <section className={styles.library} aria-labelledby={headingId}>
        {heading}
        <Alert
          tone="error"
          title="Your recordings could not be loaded"
          action={
            <Button size="sm" busy={mine.isFetching} onClick={() => void mine.refetch()}>
              Try again
            </Button>
          }
        >
          {mine.error.message}
        </Alert>
      </section>
    );
  }

  const all = mine.data.media;
  const shown = filterRecordings(all, { query, kind });
  const filtered = query.trim() !== '' || kind !== 'all';

  return (
    <section className={styles.library} aria-labelledby={headingId}>
      <div className={styles.toolbar}>
        {heading}
        {all.length > 0 && (
          <div className={styles.filters}>
            <label className={styles.search}>
              <SearchIcon className={styles.searchIcon} />
              <span className="visually-hidden">Filter recordings</span>
              <input
                type="search"
                value={query}
                placeholder="Filter by title or words said"
                onChange={(event) => setQuery(event.target.value)}
              />
            </label>
            <fieldset className={styles.kinds}>
              <legend className="visually-hidden">Kind</legend>
              {KINDS.map((k) => (
                <label key={k.value} className={styles.kind}>
                  <input
                    type="radio"
                    name="recording-kind"
                    value={k.value}
                    checked={kind === k.value}
                    onChange={() => setKind(k.value)}
                  />
                  <span>{k.label}</span>
                </label>
              ))}
            </fieldset>
          </div>
        )}
      </div>

      {all.length === 0 ? (
        <EmptyState icon={<VideoIcon />} title="No recordings yet" action={recordButton}>
          Record your camera, screen or voice, or drop a file above. Each recording gets a link the moment you
          stop, ready to share or attach to a message.
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState
          icon={<SearchIcon />}
          title="No recordings match"
          action={
            <Button
              onClick={() => {
                setQuery('');
                setKind('all');
              }}
            >
              Clear filter
            </Button>
          }
        >
          Nothing {kind === 'audio' ? 'among voice notes ' : kind === 'video' ? 'among videos ' : ''}
          {query.trim() ? `has “${query.trim()}” in its title or transcript.` : 'here yet.'}
        </EmptyState>
      ) : (
        <>
          {filtered && (
            <p className={styles.count} role="status">
              {shown.length} of {all.length} recordings
            </p>
          )}
          <ul className={styles.grid} aria-label="Your recordings">
            {shown.map((m) => (
              <RecordingCard key={m.id} media={m} onDelete={setDeleting} />
            ))}
          </ul>
        </>
      )}

      <DeleteRecordingDialog
        media={deleting}
        onClose={() => {
          setDeleting(null);
          // The card and its button are gone (the dialog's own focus return finds nothing): keep
          // focus in the library. The dialog's close event comes after its focus return.
          if (justDeleted.current) headingRef.current?.focus();
          justDeleted.current = false;
        }}
        onDeleted={() => {
          justDeleted.current = true;
          setDeleting(null);
        }}
      />
    </section>
  );
}
