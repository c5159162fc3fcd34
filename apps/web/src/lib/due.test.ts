import { describe, expect, it } from 'vitest';
import {
  expectationLabel,
  formatDay,
  formatDayTime,
  formatListTime,
  fromLocalInput,
  toLocalInput,
} from './due';

// 2026-11-27 17:00 UTC is a Friday; in Tokyo it is already Saturday 02:00.
const friday = Date.UTC(2026, 10, 27, 17, 0);

describe('due dates', () => {
  it('shows the day in the viewer’s own time zone', () => {
    expect(formatDay(friday, 'Europe/Lisbon')).toBe('Fri 27 Nov');
    expect(formatDay(friday, 'Asia/Tokyo')).toBe('Sat 28 Nov');
    expect(formatDayTime(friday, 'Europe/Lisbon')).toBe('Fri 27 Nov, 17:00');
  });

  it('falls back to the browser zone when the stored zone is unknown', () => {
    expect(() => formatDay(friday, 'Not/AZone')).not.toThrow();
  });

  it('labels each kind of ask', () => {
    expect(expectationLabel('urgent', null, 'UTC')).toBe('Urgent');
    expect(expectationLabel('decision_by', friday, 'UTC')).toBe('Decision by Fri 27 Nov');
    expect(expectationLabel('reply_by', friday, 'UTC')).toBe('Reply by Fri 27 Nov');
    expect(expectationLabel('reply', null, 'UTC')).toBe('Reply');
    expect(expectationLabel('fyi', null, 'UTC')).toBe('FYI');
  });

  it('shows a time for today and a day otherwise in lists', () => {
    expect(formatListTime(friday, 'UTC', friday + 3600_000)).toBe('17:00');
    expect(formatListTime(friday, 'UTC', friday + 2 * 86_400_000)).toBe('Fri 27 Nov');
  });

  it('round-trips datetime-local values', () => {
    const value = toLocalInput(friday);
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(value)).toBe(friday);
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('nonsense')).toBeUndefined();
  });
});
