import { useId } from 'react';
import { fromLocalInput, toLocalInput } from '../../lib/due';
import { TextField } from '../../ui/TextField';
import styles from './Compose.module.css';

export type SendTimingState =
  | { when: 'now' }
  | { when: 'working_hours' }
  | { when: 'at'; at: string /* datetime-local value */ };

export const sendNow: SendTimingState = { when: 'now' };

/** When a scheduled send is asked for, the instant it goes out. */
export const scheduledAt = (state: SendTimingState): number | undefined =>
  state.when === 'at' ? fromLocalInput(state.at) : undefined;

function tomorrowMorning(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return toLocalInput(d.getTime());
}

interface Props {
  value: SendTimingState;
  onChange: (value: SendTimingState) => void;
  /** Urgent messages go out at once: the other choices are offered only for the rest. */
  urgent: boolean;
  error?: string | undefined;
}

/**
 * "When should it arrive?": now; at the start of each recipient's own working hours (the post
 * waits in their inbox until then); or at a set time (it is kept aside and sent then).
 */
export function SendTiming({ value, onChange, urgent, error }: Props) {
  const id = useId();
  if (urgent) return null;
  const choices: { when: SendTimingState['when']; label: string }[] = [
    { when: 'now', label: 'Now' },
    { when: 'working_hours', label: "At the start of each person's working hours" },
    { when: 'at', label: 'At a set time' },
  ];
  return (
    <fieldset className={styles.expectation}>
      <legend className={styles.label}>When should it arrive?</legend>
      <div className={styles.choices}>
        {choices.map((choice) => (
          <label key={choice.when} className={styles.choice}>
            <input
              type="radio"
              name={`${id}-when`}
              value={choice.when}
              checked={value.when === choice.when}
              onChange={() =>
                onChange(choice.when === 'at' ? { when: 'at', at: tomorrowMorning() } : { when: choice.when })
              }
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {value.when === 'at' && (
        <TextField
          label="Send at"
          type="datetime-local"
          value={value.at}
          onChange={(e) => onChange({ when: 'at', at: e.target.value })}
          error={error}
          hint={`In your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}). You can change or cancel it until then in Settings → Delivery.`}
          fieldClassName={styles.dueField}
        />
      )}
    </fieldset>
  );
}
