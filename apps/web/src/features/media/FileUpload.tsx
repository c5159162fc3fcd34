import type { Media } from '@tidings/contracts';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { ACCEPT_ATTRIBUTE, acceptable, kindOf, uploadFile } from '../../recording/fileUpload';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { createMedia, discardMedia, useMedia } from './api';
import styles from './Media.module.css';
import { formatBytes, statusLine } from './StatusOverlay';

interface Upload {
  key: string;
  file: File;
  media: Media | null;
  sent: number;
  state: 'uploading' | 'done' | 'failed' | 'cancelled';
  error: string | null;
  abort: AbortController;
}

/** Drag and drop or pick files; each uploads resumably with its own progress bar and Cancel. */
export function FileUpload({ onUploaded }: { onUploaded?: (media: Media) => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const patch = (key: string, change: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  async function add(files: File[]) {
    const bad = files.filter((f) => !acceptable(f));
    setRefused(bad.length ? `Not a video or audio file: ${bad.map((f) => f.name).join(', ')}` : null);
    for (const file of files.filter(acceptable)) {
      const upload: Upload = {
        key: `${file.name}-${file.size}-${Date.now()}-${Math.random()}`,
        file,
        media: null,
        sent: 0,
        state: 'uploading',
        error: null,
        abort: new AbortController(),
      };
      setUploads((all) => [...all, upload]);
      void run(upload);
    }
  }

  async function run(upload: Upload) {
    try {
      const created = await createMedia({
        kind: kindOf(upload.file),
        source: 'upload',
        mimeType: upload.file.type || 'application/octet-stream',
        title: upload.file.name,
        sizeBytes: upload.file.size,
      });
      patch(upload.key, { media: created.media });
      onUploaded?.(created.media);
      await uploadFile(
        created.uploadEndpoint,
        created.media.id,
        upload.file,
        (sent) => patch(upload.key, { sent }),
        upload.abort.signal,
      );
      patch(upload.key, { state: 'done', sent: upload.file.size });
    } catch (error) {
      if (upload.abort.signal.aborted) patch(upload.key, { state: 'cancelled' });
      else patch(upload.key, { state: 'failed', error: errorMessage(error) });
    }
  }

  function cancel(upload: Upload) {
    upload.abort.abort();
    if (upload.media) void discardMedia(upload.media.id);
  }

  return (
    <div className={styles.upload}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop zone; the button inside is the accessible way to pick files. */}
      <div
        className={over ? styles.dropOver : styles.drop}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void add([...e.dataTransfer.files]);
        }}
      >
        <p>Drop a video or audio file here, or</p>
        <Button onClick={() => input.current?.click()}>Choose a file</Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="visually-hidden"
          aria-label="Upload a video or audio file"
          onChange={(e) => {
            void add([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </div>
      {refused && <Alert tone="error">{refused}</Alert>}
      {uploads.length > 0 && (
        <ul className={styles.uploads} aria-label="Uploads">
          {uploads.map((u) => (
            <UploadRow key={u.key} upload={u} onCancel={() => cancel(u)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function UploadRow({ upload, onCancel }: { upload: Upload; onCancel: () => void }) {
  const { file, sent, state } = upload;
  return (
    <li className={styles.uploadRow}>
      <span className={styles.uploadName}>{file.name}</span>
      {state === 'uploading' && (
        <>
          <progress max={file.size || 1} value={sent} aria-label={`Uploading ${file.name}`} />
          <span className={styles.time}>
            {formatBytes(sent)} of {formatBytes(file.size)}
          </span>
          <Button size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </>
      )}
      {state === 'done' && upload.media && <Processing media={upload.media} />}
      {state === 'failed' && <span className={styles.failed}>{upload.error}</span>}
      {state === 'cancelled' && <span>Cancelled</span>}
    </li>
  );
}

function Processing({ media: initial }: { media: Media }) {
  const { data } = useMedia(initial.id);
  const media = data ?? initial;
  return (
    <span role="status" className={media.status === 'failed' ? styles.failed : undefined}>
      {statusLine(media)}
    </span>
  );
}
