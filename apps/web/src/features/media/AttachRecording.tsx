import type { Media } from '@tidings/contracts';
import { useState } from 'react';
import type { RecordingMode } from '../../recording/devices';
import { Button } from '../../ui/Button';
import styles from './Media.module.css';
import { RecorderDialog } from './RecorderDialog';

interface AttachRecordingProps {
  value: Media[];
  onChange: (media: Media[]) => void;
  title?: string;
}

/** "Record" and "Voice note" for a composer: recordings attach to the message as mediaIds. */
export function AttachRecording({ value, onChange, title }: AttachRecordingProps) {
  const [mode, setMode] = useState<RecordingMode | null>(null);
  return (
    <div className={styles.recordBar}>
      <Button size="sm" onClick={() => setMode('camera')}>
        Record
      </Button>
      <Button size="sm" onClick={() => setMode('voice')}>
        Voice note
      </Button>
      {value.length > 0 && (
        <ul className={styles.attached} aria-label="Attached recordings">
          {value.map((m) => (
            <li key={m.id}>
              {m.kind === 'audio' ? 'Voice note' : 'Video'}: {m.title || 'Recording'}
              <Button size="sm" variant="ghost" onClick={() => onChange(value.filter((x) => x.id !== m.id))}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <RecorderDialog
        open={mode !== null}
        initialMode={mode ?? 'camera'}
        autoStart={mode === 'voice'}
        title={title}
        onClose={() => setMode(null)}
        onAttach={(media) => onChange([...value, media])}
      />
    </div>
  );
}
