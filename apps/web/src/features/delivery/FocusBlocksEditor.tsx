import type { DeliveryPreferences } from '@tidings/contracts';
import { useId } from 'react';
import { cx } from '../../lib/cx';
import { Button } from '../../ui/Button';
import field from '../../ui/Field.module.css';
import { CloseIcon, PlusIcon } from '../../ui/icons';
import styles from './Delivery.module.css';
import { WEEK_ORDER, WEEKDAYS } from './summary';
import { RowErrors, TimeInput } from './TimeInput';

type Block = DeliveryPreferences['focusBlocks'][number];

interface Props {
  value: Block[];
  onChange: (value: Block[]) => void;
  field: (path: string) => string | undefined;
}

/** Recurring blocks (weekday + range) in which nothing notifies. */
export function FocusBlocksEditor({ value, onChange, field: fieldError }: Props) {
  const id = useId();
  const set = (i: number, patch: Partial<Block>) =>
    onChange(value.map((b, k) => (k === i ? { ...b, ...patch } : b)));
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Focus time</legend>
      <p className={styles.help}>
        Recurring blocks with no notifications at all; anything due waits until after.
      </p>
      {value.length > 0 && (
        <ul className={styles.rows} aria-label="Focus blocks">
          {value.map((block, i) => {
            const n = i + 1;
            const errorId = `${id}-${i}-error`;
            const startError = fieldError(`focusBlocks.${i}.start`);
            const endError = fieldError(`focusBlocks.${i}.end`);
            const errors = startError || endError ? errorId : undefined;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity besides their place
              <li key={i} className={styles.rowItem}>
                <div className={styles.range}>
                  <label className="visually-hidden" htmlFor={`${id}-${i}-day`}>
                    Focus block {n} day
                  </label>
                  <select
                    id={`${id}-${i}-day`}
                    className={cx(field.control, styles.weekday)}
                    value={block.weekday}
                    onChange={(e) => set(i, { weekday: Number(e.target.value) })}
                  >
                    {WEEK_ORDER.map((d) => (
                      <option key={d} value={d}>
                        {WEEKDAYS[d]}
                      </option>
                    ))}
                  </select>
                  <TimeInput
                    hiddenLabel
                    label={`Focus block ${n} start`}
                    value={block.start}
                    onChange={(start) => set(i, { start })}
                    error={startError}
                    describedBy={errors}
                  />
                  <span aria-hidden="true">–</span>
                  <TimeInput
                    hiddenLabel
                    label={`Focus block ${n} end`}
                    value={block.end}
                    onChange={(end) => set(i, { end })}
                    error={endError}
                    describedBy={errors}
                  />
                  <button
                    type="button"
                    className={styles.iconButton}
                    onClick={() => onChange(value.filter((_, k) => k !== i))}
                  >
                    <CloseIcon />
                    <span className="visually-hidden">Remove focus block {n}</span>
                  </button>
                </div>
                <RowErrors id={errorId} messages={[startError, endError]} />
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <Button
          size="sm"
          icon={<PlusIcon />}
          onClick={() => onChange([...value, { weekday: 1, start: '09:00', end: '11:00' }])}
          disabled={value.length >= 50}
        >
          Add focus block
        </Button>
      </div>
    </fieldset>
  );
}
