import { DeliveryPreferences } from '@tidings/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { useDocumentTitle } from '../../lib/navigation';
import { detectTimeZone, zoneLabel } from '../../lib/timeZones';
import { Alert } from '../../ui/Alert';
import { Button, ButtonLink } from '../../ui/Button';
import { Section } from '../../ui/Section';
import { Spinner } from '../../ui/Spinner';
import { TimeZoneField } from '../../ui/TimeZoneField';
import { useFormErrors } from '../../ui/useFormErrors';
import { useMembers } from '../members/api';
import { usePreferences, useSavePreferences } from './api';
import { ChannelsEditor, DigestTimesEditor } from './ChannelsEditor';
import styles from './Delivery.module.css';
import { FocusBlocksEditor } from './FocusBlocksEditor';
import { summarize } from './summary';
import { TimeOffEditor } from './TimeOffEditor';
import { WorkingHoursEditor } from './WorkingHoursEditor';

/** `/settings/delivery`: when and how Tidings may reach the signed-in person. Emails link here. */
export function DeliveryPage() {
  useDocumentTitle('Delivery');
  const preferences = usePreferences();
  if (preferences.isPending) {
    return (
      <div className={styles.loading}>
        <Spinner label="Loading your delivery settings" />
      </div>
    );
  }
  if (preferences.isError) {
    return (
      <Alert tone="error" action={<Button onClick={() => preferences.refetch()}>Try again</Button>}>
        {preferences.error.message}
      </Alert>
    );
  }
  return <DeliveryForm initial={preferences.data.preferences} isDefault={preferences.data.isDefault} />;
}

function DeliveryForm({ initial, isDefault }: { initial: DeliveryPreferences; isDefault: boolean }) {
  const { user } = useCurrentSession();
  const members = useMembers();
  const save = useSavePreferences();
  const errors = useFormErrors();
  const [saved, setSaved] = useState(initial);
  const [prefs, setPrefs] = useState(initial);
  const detected = detectTimeZone();
  const dirty = JSON.stringify(prefs) !== JSON.stringify(saved);
  const summary = useMemo(() => summarize(prefs), [prefs]);
  const people = (members.data?.members ?? [])
    .filter((m) => m.id !== user.id)
    .map((m) => ({ id: m.id, name: m.name, avatarUrl: m.avatarUrl }));

  const set = <K extends keyof DeliveryPreferences>(key: K, value: DeliveryPreferences[K]) => {
    save.reset();
    setPrefs((p) => ({ ...p, [key]: value }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    save.reset();
    const body = errors.validate(DeliveryPreferences, prefs);
    if (!body) return;
    save.mutate(body, {
      onSuccess: (view) => {
        setSaved(view.preferences);
        setPrefs(view.preferences);
      },
      onError: errors.fail,
    });
  }

  return (
    <form ref={errors.formRef} onSubmit={submit} noValidate className={styles.page}>
      <Section
        title="Delivery"
        description="When and how Tidings may reach you. Senders see your local time and when you will see their post."
        actions={
          <ButtonLink size="sm" variant="secondary" to="/settings/notifications">
            Your notifications
          </ButtonLink>
        }
      >
        <div className={styles.summary}>
          <p className={styles.summaryTitle} id="delivery-summary">
            {isDefault && !dirty ? 'Your defaults, in short' : 'In short'}
          </p>
          <ul aria-labelledby="delivery-summary">
            {summary.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </div>
        <div className={styles.zone}>
          <TimeZoneField
            value={prefs.timeZone}
            onChange={(zone) => set('timeZone', zone)}
            error={errors.field('timeZone')}
            hint={
              detected !== prefs.timeZone ? (
                <span className={styles.detected}>
                  This device is set to {zoneLabel(detected)}.{' '}
                  <Button size="sm" onClick={() => set('timeZone', detected)}>
                    Use {detected}
                  </Button>
                </span>
              ) : (
                'Matches this device.'
              )
            }
          />
        </div>
      </Section>

      <Section title="Hours">
        <div className={styles.stack}>
          <WorkingHoursEditor
            value={prefs.workingHours}
            onChange={(v) => set('workingHours', v)}
            field={errors.field}
          />
          <FocusBlocksEditor
            value={prefs.focusBlocks}
            onChange={(v) => set('focusBlocks', v)}
            field={errors.field}
          />
          <TimeOffEditor
            value={prefs.timeOff}
            onChange={(v) => set('timeOff', v)}
            field={errors.field}
            people={people}
          />
        </div>
      </Section>

      <Section title="Notifications and digest">
        <div className={styles.stack}>
          <ChannelsEditor value={prefs.channels} onChange={(v) => set('channels', v)} />
          <DigestTimesEditor
            value={prefs.digestTimes}
            onChange={(v) => set('digestTimes', v)}
            field={errors.field}
          />
          <p className={styles.help}>
            See what was sent to you and when in <Link to="/settings/notifications">your notifications</Link>.
          </p>
        </div>
      </Section>

      <div className={cx(styles.saveBar, dirty && styles.sticky)}>
        {errors.errors.message && <Alert tone="error">{errors.errors.message}</Alert>}
        {save.isSuccess && !dirty && <Alert tone="success">Delivery settings saved.</Alert>}
        <div className={styles.saveActions}>
          <Button
            variant="ghost"
            disabled={!dirty || save.isPending}
            onClick={() => {
              errors.clear();
              setPrefs(saved);
            }}
          >
            Discard changes
          </Button>
          <Button type="submit" variant="primary" busy={save.isPending} disabled={!dirty}>
            Save delivery settings
          </Button>
        </div>
      </div>
    </form>
  );
}
