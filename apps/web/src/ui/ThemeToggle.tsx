import { useId } from 'react';
import { setTheme, type ThemeChoice, useTheme } from '../lib/theme';
import { MonitorIcon, MoonIcon, SunIcon } from './icons';
import styles from './ThemeToggle.module.css';

const choices: Array<{ value: ThemeChoice; label: string; icon: typeof SunIcon }> = [
  { value: 'system', label: 'Match system', icon: MonitorIcon },
  { value: 'light', label: 'Light', icon: SunIcon },
  { value: 'dark', label: 'Dark', icon: MoonIcon },
];

/** Three-way theme switch (system / light / dark) as a radio group; `compact` shows icons only. */
export function ThemeToggle({ compact = false }: { compact?: boolean }) {
  const current = useTheme();
  const name = useId();
  return (
    <fieldset className={compact ? styles.compact : styles.group}>
      <legend className="visually-hidden">Theme</legend>
      {choices.map(({ value, label, icon: Icon }) => (
        <label key={value} className={styles.option} title={compact ? label : undefined}>
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            value={value}
            checked={current === value}
            onChange={() => setTheme(value)}
          />
          <Icon />
          <span className={compact ? 'visually-hidden' : undefined}>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
