import { describe, expect, it } from 'vitest';
import { allTimeZones, timeZoneOptions, zoneLabel } from './timeZones';

describe('time zones', () => {
  it('lists the runtime zones, always with UTC', () => {
    const zones = allTimeZones();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Lisbon');
  });

  it('keeps a saved zone the runtime does not list', () => {
    expect(timeZoneOptions('Etc/GMT+5')).toContain('Etc/GMT+5');
  });

  it('labels zones for people', () => {
    expect(zoneLabel('America/New_York')).toMatch(/^America \/ New York \(GMT-[45]\)$/);
    expect(zoneLabel('UTC')).toBe('UTC (GMT)');
  });
});
