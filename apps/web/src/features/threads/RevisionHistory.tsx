import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { formatDayTime } from '../../lib/due';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { useRevisions } from './api';
import styles from './Thread.module.css';

/** "edited" opens the earlier versions of a post, newest first. */
export function RevisionHistory({
  postId,
  editedAt,
  timeZone,
}: {
  postId: string;
  editedAt: number;
  timeZone: string;
}) {
  const [open, setOpen] = useState(false);
  const revisions = useRevisions(postId, open);
  return (
    <>
      <button
        type="button"
        className={styles.edited}
        onClick={() => setOpen(true)}
        title={formatDayTime(editedAt, timeZone)}
      >
        edited<span className="visually-hidden"> — show history</span>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Edit history">
        {revisions.isPending ? (
          <Spinner label="Loading history" />
        ) : revisions.isError ? (
          <p>{errorMessage(revisions.error)}</p>
        ) : revisions.data.revisions.length === 0 ? (
          <p>No earlier versions were kept.</p>
        ) : (
          <ol className={styles.revisions}>
            {revisions.data.revisions.map((r) => (
              <li key={r.editedAt}>
                <time className={styles.revisionTime}>{formatDayTime(r.editedAt, timeZone)}</time>
                <pre className={styles.revisionBody}>{r.bodyMarkdown}</pre>
              </li>
            ))}
          </ol>
        )}
      </Dialog>
    </>
  );
}
