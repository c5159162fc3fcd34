import { describe, expect, it } from 'vitest';
import { count, formatMinutes, percent, weekLabel } from './format';

describe('attention formatting', () => {
  it('words durations in minutes, hours and days', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(42.4)).toBe('42 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(150)).toBe('2.5 h');
    expect(formatMinutes(1440)).toBe('24 h');
    expect(formatMinutes(4320)).toBe('3 d');
  });

  it('formats shares and counts', () => {
    expect(percent(0.666)).toBe('67%');
    expect(count(3)).toBe('3');
    expect(count(2.25)).toBe('2.3');
  });

  it('labels an ISO week by its Monday', () => {
    expect(weekLabel('2026-W01')).toBe('29 Dec');
    expect(weekLabel('2026-W48')).toBe('23 Nov');
    expect(weekLabel('2020-W53')).toBe('28 Dec');
    expect(weekLabel('2025-W01')).toBe('30 Dec');
    expect(weekLabel('nonsense')).toBe('nonsense');
  });
});
