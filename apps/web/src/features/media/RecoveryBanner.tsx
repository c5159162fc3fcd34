import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type SpooledRecording, spool } from '../../recording/spool';
import { activeUploads, SpoolUploader } from '../../recording/uploader';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { discardMedia, formatClock, stopRecording } from './api';
import styles from './Media.module.css';

type Row = SpooledRecording & { state: 'waiting' | 'uploading' | 'done' | 'failed'; note?: string };

/**
 * After a crash or a closed tab: recordings still in this browser's spool, with a button to finish
 * their upload (the server's HEAD offset says where to resume).
 */
export function RecoveryBanner() {
  const [rows, setRows] = useState<Row[]>([]);
  const client = useQueryClient();

  useEffect(() => {
    if (typeof indexedDB === 'undefined') return;
    void spool
      .list()
      .then((all) =>
        setRows(all.filter((r) => !activeUploads.has(r.mediaId)).map((r) => ({ ...r, state: 'waiting' }))),
      )
      .catch(() => undefined);
  }, []);

  const set = (id: string, change: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.mediaId === id ? { ...r, ...change } : r)));

  async function finish(row: Row) {
    set(row.mediaId, { state: 'uploading' });
    // A recording cut off by a crash ends where its last saved chunk ended.
    await spool.update(row.mediaId, { stopped: true });
    if (!row.stopSent) {
      await stopRecording(row.mediaId, row.recordedMs)
        .then(() => spool.update(row.mediaId, { stopSent: true }))
        .catch(() => undefined);
    }
    const uploader = new SpoolUploader(row.mediaId, {
      onProgress: (p) => set(row.mediaId, { ackedBytes: p.ackedBytes }),
      onDone: () => {
        set(row.mediaId, { state: 'done' });
        void client.invalidateQueries({ queryKey: ['media', row.mediaId] });
      },
      onFatal: (note) => set(row.mediaId, { state: 'failed', note }),
    });
    uploader.kick();
  }

  async function discard(row: Row) {
    setRows((all) => all.filter((r) => r.mediaId !== row.mediaId));
    await spool.remove(row.mediaId);
    await discardMedia(row.mediaId);
  }

  if (rows.length === 0) return null;
  return (
    <Alert tone="warning" title="Finish uploading what you recorded" className={styles.recovery}>
      <ul className={styles.recoveryList} aria-label="Unfinished recordings">
        {rows.map((row) => (
          <li key={row.mediaId}>
            <span>
              {row.title || 'Recording'} · {formatClock(row.recordedMs)}
            </span>
            {row.state === 'waiting' && (
              <>
                <Button size="sm" variant="primary" onClick={() => void finish(row)}>
                  Finish upload
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void discard(row)}>
                  Discard
                </Button>
              </>
            )}
            {row.state === 'uploading' && (
              <span role="status">
                Uploading… {Math.round((row.ackedBytes / Math.max(1, row.spooledBytes)) * 100)}%
              </span>
            )}
            {row.state === 'done' && (
              <span role="status">
                Uploaded — <a href={row.shareUrl}>open</a>
              </span>
            )}
            {row.state === 'failed' && <span className={styles.failed}>{row.note}</span>}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
