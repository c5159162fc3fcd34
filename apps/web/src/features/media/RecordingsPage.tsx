import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/navigation';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/PageHeader';
import { Section } from '../../ui/Section';
import { useMyMedia } from './api';
import { FileUpload } from './FileUpload';
import styles from './Media.module.css';
import { RecorderDialog } from './RecorderDialog';
import { statusLine } from './StatusOverlay';

/** `/recordings`: record, upload a file, and the list of one's own recordings with their links. */
export function RecordingsPage() {
  useDocumentTitle('Recordings');
  const [recording, setRecording] = useState(false);
  const mine = useMyMedia();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['my-media'] });

  return (
    <>
      <PageHeader
        title="Recordings"
        description="Record your camera, screen or voice, or upload a file. Each gets a link at once."
        actions={
          <Button variant="primary" onClick={() => setRecording(true)}>
            New recording
          </Button>
        }
      />
      <RecorderDialog
        open={recording}
        onClose={() => {
          setRecording(false);
          refresh();
        }}
      />
      <Section title="Upload a file">
        <FileUpload onUploaded={refresh} />
      </Section>
      <Section title="Your recordings">
        {mine.data && mine.data.media.length === 0 && <p>Nothing recorded yet.</p>}
        <ul className={styles.mine} aria-label="Your recordings">
          {mine.data?.media.map((m) => (
            <li key={m.id}>
              <Link to={new URL(m.shareUrl, window.location.href).pathname}>{m.title || 'Recording'}</Link>
              <span className={styles.time}>{statusLine(m)}</span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
