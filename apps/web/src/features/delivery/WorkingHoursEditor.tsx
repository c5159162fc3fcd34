import type { DeliveryPreferences, TimeRange } from '@tidings/contracts';
import { DEFAULT_WORKING_RANGE } from '@tidings/contracts';
import { useId } from 'react';
import { Button } from '../../ui/Button';
import { CloseIcon, PlusIcon } from '../../ui/icons';
import styles from './Delivery.module.css';
import { WEEK_ORDER, WEEKDAYS } from './summary';
import { RowErrors, TimeInput } from './TimeInput';

type Week = DeliveryPreferences['workingHours'];

interface Props {
  value: Week;
  onChange: (value: Week) => void;
  field: (path: string) => string | undefined;
}

/** Seven rows, Monday first: on/off, one or more ranges, add and remove. */
export function WorkingHoursEditor({ value, onChange, field }: Props) {
  const setDay = (day: number, ranges: TimeRange[]) =>
    onChange(value.map((r, d) => (d === day ? ranges : r)));

  function copyMonday() {
    const monday = value[1] ?? [];
    onChange(value.map((r, d) => (d >= 1 && d <= 5 ? monday.map((x) => ({ ...x })) : r)));
  }

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>Working hours</legend>
      <p className={styles.help}>
        Notifications reach you only inside these hours (unless a sender confirms an urgent one).
      </p>
      {field('workingHours') && (
        <p className={styles.formError} role="alert">
          {field('workingHours')}
        </p>
      )}
      <ul className={styles.week} aria-label="Working hours by day">
        {WEEK_ORDER.map((day) => (
          <DayRow
            key={day}
            day={day}
            ranges={value[day] ?? []}
            onChange={(r) => setDay(day, r)}
            field={field}
          />
        ))}
      </ul>
      <div>
        <Button size="sm" variant="secondary" onClick={copyMonday} disabled={(value[1] ?? []).length === 0}>
          Copy Monday to weekdays
        </Button>
      </div>
    </fieldset>
  );
}

function DayRow({
  day,
  ranges,
  onChange,
  field,
}: {
  day: number;
  ranges: TimeRange[];
  onChange: (ranges: TimeRange[]) => void;
  field: (path: string) => string | undefined;
}) {
  const id = useId();
  const name = WEEKDAYS[day] ?? '';
  const on = ranges.length > 0;
  const setRange = (i: number, patch: Partial<TimeRange>) =>
    onChange(ranges.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  function addRange() {
    const last = ranges.at(-1);
    const start = last ? last.end : DEFAULT_WORKING_RANGE.start;
    const [h = 0, m = 0] = start.split(':').map(Number);
    const end = `${String(Math.min(h + 1, 23)).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    onChange([...ranges, { start, end: end > start ? end : '23:59' }]);
  }

  return (
    <li className={styles.day}>
      <label className={styles.dayToggle}>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => onChange(e.target.checked ? [{ ...DEFAULT_WORKING_RANGE }] : [])}
        />
        <span>{name}</span>
      </label>
      <div className={styles.ranges}>
        {!on && <span className={styles.off}>Day off</span>}
        {ranges.map((range, i) => {
          const path = `workingHours.${day}.${i}`;
          const errorId = `${id}-${i}-error`;
          const startError = field(`${path}.start`);
          const endError = field(`${path}.end`);
          const suffix = ranges.length > 1 ? ` ${i + 1}` : '';
          const errors = startError || endError ? errorId : undefined;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity besides their place
            <div key={i} className={styles.rangeBlock}>
              <div className={styles.range}>
                <TimeInput
                  hiddenLabel
                  label={`${name} start${suffix}`}
                  value={range.start}
                  onChange={(start) => setRange(i, { start })}
                  error={startError}
                  describedBy={errors}
                />
                <span aria-hidden="true">–</span>
                <TimeInput
                  hiddenLabel
                  label={`${name} end${suffix}`}
                  value={range.end}
                  onChange={(end) => setRange(i, { end })}
                  error={endError}
                  describedBy={errors}
                />
                <button
                  type="button"
                  className={styles.iconButton}
                  onClick={() => onChange(ranges.filter((_, k) => k !== i))}
                >
                  <CloseIcon />
                  <span className="visually-hidden">
                    Remove {name} {range.start}–{range.end}
                  </span>
                </button>
              </div>
              <RowErrors id={errorId} messages={[startError, endError]} />
            </div>
          );
        })}
      </div>
      {on && ranges.length < 6 && (
        <button type="button" className={styles.addRange} onClick={addRange}>
          <PlusIcon />
          <span className="visually-hidden">Add hours on {name}</span>
        </button>
      )}
    </li>
  );
}
