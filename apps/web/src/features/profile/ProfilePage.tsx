import { UpdateProfileRequest, type User } from '@tidings/contracts';
import { type FormEvent, useState } from 'react';
import { useCurrentSession } from '../../api/session';
import { TRANSCRIPT_LANGUAGES } from '../../lib/languages';
import { useDocumentTitle } from '../../lib/navigation';
import { detectTimeZone, zoneLabel } from '../../lib/timeZones';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import form from '../../ui/Form.module.css';
import { Section } from '../../ui/Section';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';
import { ThemeToggle } from '../../ui/ThemeToggle';
import { TimeZoneField } from '../../ui/TimeZoneField';
import { useFormErrors } from '../../ui/useFormErrors';
import { AvatarEditor } from './AvatarEditor';
import { useUpdateProfile } from './api';
import { PasswordForm } from './PasswordForm';
import styles from './Profile.module.css';

export function ProfilePage() {
  useDocumentTitle('Profile');
  const { user } = useCurrentSession();
  return (
    <>
      <Section title="Profile" description="How you appear to others, and the time zone Tidings delivers to.">
        <AvatarEditor user={user} />
        <hr className={styles.divider} />
        <ProfileForm user={user} />
      </Section>
      <Section title="Password">
        <PasswordForm />
      </Section>
      <Section title="Appearance" description="Stored in this browser.">
        <ThemeToggle />
      </Section>
    </>
  );
}

function ProfileForm({ user }: { user: User }) {
  const update = useUpdateProfile();
  const errors = useFormErrors();
  const [name, setName] = useState(user.name);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [language, setLanguage] = useState(user.language ?? '');
  const detected = detectTimeZone();
  const unchanged =
    name.trim() === user.name && timeZone === user.timeZone && language === (user.language ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    update.reset();
    const body = errors.validate(UpdateProfileRequest, {
      name,
      timeZone,
      language: language === '' ? null : language,
    });
    if (!body) return;
    update.mutate(body, { onError: errors.fail });
  }

  return (
    <form ref={errors.formRef} className={form.form} onSubmit={submit} noValidate>
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.field('name')}
      />
      <div className={styles.zone}>
        <TimeZoneField
          value={timeZone}
          onChange={setTimeZone}
          error={errors.field('timeZone')}
          hint={
            detected !== timeZone ? (
              <span className={styles.detected}>
                This device is set to {zoneLabel(detected)}.{' '}
                <Button size="sm" variant="secondary" onClick={() => setTimeZone(detected)}>
                  Use {detected}
                </Button>
              </span>
            ) : (
              'Matches this device.'
            )
          }
        />
      </div>
      <SelectField
        label="Language you record in"
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        error={errors.field('language')}
        hint="Transcripts of your recordings use it; otherwise the workspace's language."
      >
        <option value="">Same as the workspace</option>
        {TRANSCRIPT_LANGUAGES.map(([code, label]) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </SelectField>
      {errors.errors.message && <Alert tone="error">{errors.errors.message}</Alert>}
      {update.isSuccess && unchanged && <Alert tone="success">Profile saved.</Alert>}
      <div className={form.actions}>
        <Button type="submit" variant="primary" busy={update.isPending} disabled={unchanged}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
