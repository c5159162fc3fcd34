import { useEffect, useId, useRef, useState } from 'react';
import { cx } from '../../lib/cx';
import { fromLocalInput, toLocalInput } from '../../lib/due';
import { Button } from '../../ui/Button';
import styles from './Inbox.module.css';

function at(daysFromNow: number, hour: number): number {
  const d = new Date();
  d.setDate(d.getDate() + daysFromNow);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
}

/** Later today (+3 h), tomorrow 09:00, next Monday 09:00. */
export function snoozePresets(now = Date.now()): Array<{ label: string; until: number }> {
  const d = new Date(now);
  const toMonday = (8 - d.getDay()) % 7 || 7;
  return [
    { label: 'Later today', until: now + 3 * 3600_000 },
    { label: 'Tomorrow morning', until: at(1, 9) },
    { label: 'Next week', until: at(toMonday, 9) },
  ];
}

/** A small disclosure with snooze presets and a custom date and time. */
export function SnoozeMenu({
  subject,
  onSnooze,
  align = 'end',
}: {
  subject: string;
  onSnooze: (until: number) => void;
  /** Which edge of the button the menu lines up with. */
  align?: 'start' | 'end';
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState(() => toLocalInput(at(1, 9)));
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent ? event.key === 'Escape' : !ref.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const choose = (until: number) => {
    setOpen(false);
    onSnooze(until);
  };
  const customMs = fromLocalInput(custom);

  return (
    <div className={styles.snooze} ref={ref}>
      <Button
        size="sm"
        variant="ghost"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        Snooze<span className="visually-hidden"> {subject}</span>
      </Button>
      {open && (
        <fieldset id={id} className={cx(styles.snoozeMenu, align === 'start' && styles.alignStart)}>
          <legend className="visually-hidden">Snooze until</legend>
          {snoozePresets().map((preset) => (
            <button
              key={preset.label}
              type="button"
              className={styles.menuItem}
              onClick={() => choose(preset.until)}
            >
              {preset.label}
            </button>
          ))}
          <label className={styles.customLabel} htmlFor={`${id}-custom`}>
            Custom time
          </label>
          <div className={styles.customRow}>
            <input
              id={`${id}-custom`}
              className={styles.customInput}
              type="datetime-local"
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
            />
            <Button
              size="sm"
              variant="primary"
              disabled={!customMs || customMs <= Date.now()}
              onClick={() => customMs && choose(customMs)}
            >
              Snooze
            </Button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
