import type { WorkspaceSettings } from '@tidings/contracts';
import { useState } from 'react';
import { canManageMembers, useCurrentSession } from '../../api/session';
import { TRANSCRIPT_LANGUAGES } from '../../lib/languages';
import { useDocumentTitle } from '../../lib/navigation';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { SelectField } from '../../ui/SelectField';
import { Spinner } from '../../ui/Spinner';
import { TextField } from '../../ui/TextField';
import { useFormErrors } from '../../ui/useFormErrors';
import styles from './Admin.module.css';
import { useSaveWorkspaceSettings, useSpeechStatus, useWorkspaceSettings } from './workspace-api';

const GIB = 1024 ** 3;
/** `/admin/workspace`: recording limits, the transcription language, the speech engine (admins). */
export function WorkspacePage() {
  useDocumentTitle('Workspace');
  const { user } = useCurrentSession();
  const admin = canManageMembers(user);
  const settings = useWorkspaceSettings();
  const speech = useSpeechStatus(admin);
  if (!admin) return <Alert tone="info">Only owners and admins change workspace settings.</Alert>;
  return (
    <>
      <Section title="Recordings" description="Limits for every recording and upload in this workspace.">
        {settings.isPending && <Spinner label="Loading workspace settings" />}
        {settings.isError && <Alert tone="error">{settings.error.message}</Alert>}
        {settings.data && <SettingsForm current={settings.data} />}
      </Section>
      <Section
        title="Speech to text"
        description="Transcripts are made on this server; nothing is sent elsewhere unless you point it at a service."
      >
        {speech.isPending && <Spinner label="Loading the speech engine's status" />}
        {speech.isError && <Alert tone="error">{speech.error.message}</Alert>}
        {speech.data && (
          <dl className={styles.status} aria-label="Speech engines">
            {speech.data.engines.map((engine) => (
              <div key={engine.engine}>
                <dt>
                  {engine.engine}{' '}
                  {engine.engine === speech.data.engine && (
                    <Badge tone="success">
                      {speech.data.automatic ? 'in use (picked automatically)' : 'in use'}
                    </Badge>
                  )}
                </dt>
                <dd>
                  {engine.available ? 'Available. ' : 'Not available. '}
                  {engine.detail}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Section>
    </>
  );
}

function SettingsForm({ current }: { current: WorkspaceSettings }) {
  const save = useSaveWorkspaceSettings();
  const { formRef, errors, field, fail } = useFormErrors();
  const [minutes, setMinutes] = useState(String(current.maxRecordingMinutes));
  const [gib, setGib] = useState(String(Math.round((current.maxUploadBytes / GIB) * 10) / 10));
  const [language, setLanguage] = useState(current.language ?? '');
  const [idleDays, setIdleDays] = useState(String(current.externalLinkIdleDays));
  const [namedReceipts, setNamedReceipts] = useState(current.namedReceipts);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    save.mutate(
      {
        maxRecordingMinutes: Number(minutes),
        maxUploadBytes: Math.round(Number(gib) * GIB),
        language: language === '' ? null : language,
        externalLinkIdleDays: Number(idleDays),
        namedReceipts,
      },
      { onError: fail },
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className={styles.form}>
      <TextField
        label="Longest recording (minutes)"
        type="number"
        min={1}
        max={600}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={field('maxRecordingMinutes')}
        hint="The recorder stops by itself at this length."
      />
      <TextField
        label="Largest upload (GiB)"
        type="number"
        min={0.1}
        step={0.1}
        value={gib}
        onChange={(e) => setGib(e.target.value)}
        error={field('maxUploadBytes')}
      />
      <SelectField
        label="Language of recordings"
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        error={field('language')}
        hint="Used for transcripts unless a person sets their own in their profile."
      >
        <option value="">Let the speech engine decide</option>
        {TRANSCRIPT_LANGUAGES.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Private links of people outside the workspace stop working after (days unused)"
        type="number"
        min={1}
        max={365}
        value={idleDays}
        onChange={(e) => setIdleDays(e.target.value)}
        error={field('externalLinkIdleDays')}
        hint="Anyone addressed by email opens the thread through a private link; each use keeps it alive."
      />
      <label className={styles.checkbox}>
        <input type="checkbox" checked={namedReceipts} onChange={(e) => setNamedReceipts(e.target.checked)} />
        Show authors who watched their recordings (off: counts only)
      </label>
      {errors.message && <Alert tone="error">{errors.message}</Alert>}
      {save.isSuccess && !errors.message && <p role="status">Workspace settings saved.</p>}
      <div>
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save workspace settings
        </Button>
      </div>
    </form>
  );
}
