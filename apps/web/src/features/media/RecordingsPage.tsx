import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDocumentTitle } from '../../lib/navigation';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/PageHeader';
import { Section } from '../../ui/Section';
import { FileUpload } from './FileUpload';
import { RecordingsLibrary } from './library/RecordingsLibrary';
import { RecorderDialog } from './RecorderDialog';

/** `/recordings`: record, upload a file, and the library of one's own recordings with their links. */
export function RecordingsPage() {
  useDocumentTitle('Recordings');
  const [recording, setRecording] = useState(false);
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['my-media'] });
  const record = () => setRecording(true);

  return (
    <>
      <PageHeader
        title="Recordings"
        description="Record your camera, screen or voice, or upload a file. Each gets a link at once."
        actions={
          <Button variant="primary" onClick={record}>
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
      <RecordingsLibrary
        recordButton={
          <Button variant="primary" onClick={record}>
            Make a recording
          </Button>
        }
      />
    </>
  );
}
