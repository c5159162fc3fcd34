import { type ReactNode, useMemo } from 'react';
import { timeZoneOptions, zoneLabel } from '../lib/timeZones';
import { SelectField } from './SelectField';

interface TimeZoneFieldProps {
  value: string;
  onChange: (zone: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  name?: string;
  label?: string;
}

/** Every IANA zone the browser knows, shown as "Europe / Lisbon (GMT+1)". */
export function TimeZoneField({
  value,
  onChange,
  error,
  hint,
  name = 'timeZone',
  label = 'Time zone',
}: TimeZoneFieldProps) {
  const zones = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      hint={hint}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zoneLabel(zone)}
        </option>
      ))}
    </SelectField>
  );
}
