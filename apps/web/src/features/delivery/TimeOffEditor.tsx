import type { DeliveryPreferences, Person } from '@tidings/contracts';
import { useId } from 'react';
import { cx } from '../../lib/cx';
import { Button } from '../../ui/Button';
import field from '../../ui/Field.module.css';
import { CloseIcon, PlusIcon } from '../../ui/icons';
import styles from './Delivery.module.css';
import { RowErrors, TimeInput } from './TimeInput';

type Off = DeliveryPreferences['timeOff'][number];

interface Props {
  value: Off[];
  onChange: (value: Off[]) => void;
  field: (path: string) => string | undefined;
  /** Everyone but the person: who may still reach them with urgent posts. */
  people: Person[];
}

function isoToday(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Date ranges away; senders see "away until …"; only urgent posts from chosen people get through. */
export function TimeOffEditor({ value, onChange, field: fieldError, people }: Props) {
  const id = useId();
  const set = (i: number, patch: Partial<Off>) =>
    onChange(value.map((t, k) => (k === i ? { ...t, ...patch } : t)));
  const nameOf = (uid: string) => people.find((p) => p.id === uid)?.name ?? 'Someone who left';

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Time off</legend>
      <p className={styles.help}>
        While you are away, senders see “away until …” and nothing reaches you but urgent posts from the
        people you choose.
      </p>
      {value.length > 0 && (
        <ul className={styles.rows} aria-label="Time off">
          {value.map((off, i) => {
            const n = i + 1;
            const errorId = `${id}-${i}-error`;
            const fromError = fieldError(`timeOff.${i}.from`);
            const toError = fieldError(`timeOff.${i}.to`);
            const urgentError = fieldError(`timeOff.${i}.urgentFrom`);
            const addable = people.filter((p) => !off.urgentFrom.includes(p.id));
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: periods have no identity besides their place
              <li key={i} className={styles.rowItem}>
                <div className={styles.range}>
                  <TimeInput
                    type="date"
                    label="Away from"
                    value={off.from}
                    // Dates as YYYY-MM-DD sort as text: keep the end on or after the new start.
                    onChange={(from) => set(i, { from, to: [from, off.to].sort().at(-1) ?? from })}
                    error={fromError}
                    describedBy={fromError || toError ? errorId : undefined}
                  />
                  <TimeInput
                    type="date"
                    label="until"
                    value={off.to}
                    onChange={(to) => set(i, { to })}
                    error={toError}
                    describedBy={fromError || toError ? errorId : undefined}
                  />
                  <button
                    type="button"
                    className={styles.iconButton}
                    onClick={() => onChange(value.filter((_, k) => k !== i))}
                  >
                    <CloseIcon />
                    <span className="visually-hidden">Remove time off {n}</span>
                  </button>
                </div>
                <RowErrors id={errorId} messages={[fromError, toError]} />
                <div className={styles.urgentFrom}>
                  <span className={styles.inlineLabel} id={`${id}-${i}-urgent`}>
                    Still let urgent messages from
                  </span>
                  <ul className={styles.chips} aria-labelledby={`${id}-${i}-urgent`}>
                    {off.urgentFrom.length === 0 && <li className={styles.off}>nobody</li>}
                    {off.urgentFrom.map((uid) => (
                      <li key={uid} className={styles.chip}>
                        {nameOf(uid)}
                        <button
                          type="button"
                          className={styles.chipRemove}
                          onClick={() => set(i, { urgentFrom: off.urgentFrom.filter((x) => x !== uid) })}
                        >
                          <CloseIcon />
                          <span className="visually-hidden">Remove {nameOf(uid)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  {addable.length > 0 && (
                    <>
                      <label className="visually-hidden" htmlFor={`${id}-${i}-add`}>
                        Let urgent messages through from
                      </label>
                      <select
                        id={`${id}-${i}-add`}
                        className={cx(field.control, styles.personSelect)}
                        value=""
                        aria-invalid={urgentError ? true : undefined}
                        onChange={(e) =>
                          e.target.value && set(i, { urgentFrom: [...off.urgentFrom, e.target.value] })
                        }
                      >
                        <option value="">Add a person…</option>
                        {addable.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.name}
                          </option>
                        ))}
                      </select>
                    </>
                  )}
                </div>
                <RowErrors id={`${errorId}-urgent`} messages={[urgentError]} />
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <Button
          size="sm"
          icon={<PlusIcon />}
          onClick={() => onChange([...value, { from: isoToday(1), to: isoToday(7), urgentFrom: [] }])}
          disabled={value.length >= 100}
        >
          Add time off
        </Button>
      </div>
    </fieldset>
  );
}
