import { describe, expect, it } from 'vitest';
import {
  compileSchedule,
  defaultPreferences,
  nextAllowed,
  nextDigest,
  reminderAt,
  urgentAt,
} from './schedule';
import { offsetMs, wallClock, zonedWallTimeToInstant } from './zoned-time';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const H = 3600_000;

describe('zonedWallTimeToInstant', () => {
  it('reads ordinary times in winter and summer', () => {
    expect(iso(zonedWallTimeToInstant('Europe/Lisbon', 2026, 1, 15, 9, 0))).toBe('2026-01-15T09:00:00.000Z');
    expect(iso(zonedWallTimeToInstant('Europe/Lisbon', 2026, 7, 15, 9, 0))).toBe('2026-07-15T08:00:00.000Z');
    expect(iso(zonedWallTimeToInstant('America/New_York', 2026, 1, 15, 9, 0))).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    expect(iso(zonedWallTimeToInstant('Asia/Kolkata', 2026, 1, 15, 9, 30))).toBe('2026-01-15T04:00:00.000Z');
  });

  it('moves a time skipped by spring-forward ahead by the gap (Lisbon 29 Mar 2026 01:00→02:00)', () => {
    expect(iso(zonedWallTimeToInstant('Europe/Lisbon', 2026, 3, 29, 0, 30))).toBe('2026-03-29T00:30:00.000Z');
    expect(iso(zonedWallTimeToInstant('Europe/Lisbon', 2026, 3, 29, 1, 30))).toBe('2026-03-29T01:30:00.000Z');
    expect(wallClock('Europe/Lisbon', Date.UTC(2026, 2, 29, 1, 30))).toMatchObject({ hour: 2, minute: 30 });
    expect(iso(zonedWallTimeToInstant('Europe/Lisbon', 2026, 3, 29, 9, 0))).toBe('2026-03-29T08:00:00.000Z');
  });

  it('takes the first of two identical times at fall-back (Lisbon 25 Oct 2026 02:00→01:00)', () => {
    expect(iso(zonedWallTimeToInstant('Europe/Lisbon', 2026, 10, 25, 1, 30))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(zonedWallTimeToInstant('Europe/Lisbon', 2026, 10, 25, 9, 0))).toBe('2026-10-25T09:00:00.000Z');
    expect(offsetMs('Europe/Lisbon', Date.UTC(2026, 9, 25, 0, 59))).toBe(H);
    expect(offsetMs('Europe/Lisbon', Date.UTC(2026, 9, 25, 1, 0))).toBe(0);
  });

  it('handles New York (8 Mar 2026 02:00→03:00 and 1 Nov 2026 02:00→01:00)', () => {
    expect(iso(zonedWallTimeToInstant('America/New_York', 2026, 3, 8, 2, 30))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(wallClock('America/New_York', Date.UTC(2026, 2, 8, 7, 30))).toMatchObject({ hour: 3, minute: 30 });
    expect(iso(zonedWallTimeToInstant('America/New_York', 2026, 3, 9, 9, 0))).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(iso(zonedWallTimeToInstant('America/New_York', 2026, 11, 1, 1, 30))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(iso(zonedWallTimeToInstant('America/New_York', 2026, 11, 2, 9, 0))).toBe(
      '2026-11-02T14:00:00.000Z',
    );
  });
});

describe('the schedule', () => {
  const lisbon = compileSchedule(defaultPreferences('Europe/Lisbon'));
  const newYork = compileSchedule(defaultPreferences('America/New_York'));

  it('holds a post sent at 22:00 until 09:00 the next working morning, digest included', () => {
    const tue22 = Date.UTC(2026, 0, 13, 22, 0); // Tuesday 22:00 in Lisbon (UTC+0)
    expect(iso(nextAllowed(lisbon, tue22))).toBe('2026-01-14T09:00:00.000Z');
    expect(iso(nextDigest(lisbon, tue22))).toBe('2026-01-14T09:00:00.000Z');
    expect(iso(nextDigest(lisbon, Date.UTC(2026, 0, 14, 9, 0)))).toBe('2026-01-14T14:00:00.000Z');
    // Friday evening waits for Monday.
    expect(iso(nextAllowed(lisbon, Date.UTC(2026, 0, 16, 18, 0)))).toBe('2026-01-19T09:00:00.000Z');
  });

  it('keeps 09:00 local across the DST changes in Lisbon and New York', () => {
    // Sent Friday evening before each change; Monday 09:00 local is an hour apart in UTC.
    expect(iso(nextAllowed(lisbon, Date.UTC(2026, 2, 27, 20, 0)))).toBe('2026-03-30T08:00:00.000Z');
    expect(iso(nextAllowed(lisbon, Date.UTC(2026, 9, 23, 20, 0)))).toBe('2026-10-26T09:00:00.000Z');
    expect(iso(nextAllowed(newYork, Date.UTC(2026, 2, 6, 23, 0)))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(nextAllowed(newYork, Date.UTC(2026, 9, 30, 23, 0)))).toBe('2026-11-02T14:00:00.000Z');
    expect(iso(nextDigest(newYork, Date.UTC(2026, 2, 9, 13, 0)))).toBe('2026-03-09T18:00:00.000Z');
  });

  it('lets a confirmed urgent through at once, and holds an unconfirmed one until the morning', () => {
    const late = Date.UTC(2026, 0, 13, 22, 0);
    expect(urgentAt(lisbon, late, { confirmed: true, senderId: 'x' })).toBe(late);
    expect(iso(urgentAt(lisbon, late, { confirmed: false, senderId: 'x' }))).toBe('2026-01-14T09:00:00.000Z');
    const noon = Date.UTC(2026, 0, 13, 12, 0);
    expect(urgentAt(lisbon, noon, { confirmed: false, senderId: 'x' })).toBe(noon);
  });

  it('reminds on the working morning before the due time', () => {
    const monday = Date.UTC(2026, 0, 12, 10, 0);
    const thursdayNoon = Date.UTC(2026, 0, 15, 12, 0);
    expect(iso(reminderAt(lisbon, monday, thursdayNoon))).toBe('2026-01-15T09:00:00.000Z');
    // Due before work starts: the morning of the day before.
    expect(iso(reminderAt(lisbon, monday, Date.UTC(2026, 0, 15, 8, 0)))).toBe('2026-01-14T09:00:00.000Z');
    // Due Monday 10:00, asked Friday: the reminder is Monday 09:00, not the weekend.
    expect(iso(reminderAt(lisbon, Date.UTC(2026, 0, 16, 10), Date.UTC(2026, 0, 19, 10)))).toBe(
      '2026-01-19T09:00:00.000Z',
    );
    // Nothing working lies between now and the due time.
    expect(reminderAt(lisbon, Date.UTC(2026, 0, 15, 10), Date.UTC(2026, 0, 15, 12))).toBeNull();
  });

  it('uses the last working slot of a split day', () => {
    const prefs = defaultPreferences('Europe/Lisbon');
    prefs.workingHours[4] = [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ];
    const s = compileSchedule(prefs);
    const thu0930 = Date.UTC(2026, 0, 15, 9, 30);
    expect(iso(reminderAt(s, thu0930, Date.UTC(2026, 0, 15, 16)))).toBe('2026-01-15T13:00:00.000Z');
    expect(iso(nextAllowed(s, Date.UTC(2026, 0, 15, 12, 15)))).toBe('2026-01-15T13:00:00.000Z');
  });

  it('defers to the end of a focus block, digests included', () => {
    const prefs = defaultPreferences('Europe/Lisbon');
    prefs.focusBlocks = [{ weekday: 3, start: '08:30', end: '11:00' }];
    const s = compileSchedule(prefs);
    expect(iso(nextAllowed(s, Date.UTC(2026, 0, 14, 9, 30)))).toBe('2026-01-14T11:00:00.000Z');
    expect(iso(nextDigest(s, Date.UTC(2026, 0, 14, 7, 0)))).toBe('2026-01-14T11:00:00.000Z');
    const late = Date.UTC(2026, 0, 14, 9, 30);
    expect(iso(urgentAt(s, late, { confirmed: false, senderId: 'x' }))).toBe('2026-01-14T11:00:00.000Z');
  });

  it('lets nothing through time off but urgent posts from chosen people', () => {
    const prefs = defaultPreferences('Europe/Lisbon');
    prefs.timeOff = [{ from: '2026-01-12', to: '2026-01-16', urgentFrom: ['boss'] }];
    const s = compileSchedule(prefs);
    const mondayNoon = Date.UTC(2026, 0, 12, 12);
    expect(iso(nextAllowed(s, mondayNoon))).toBe('2026-01-19T09:00:00.000Z');
    expect(iso(nextDigest(s, mondayNoon))).toBe('2026-01-19T09:00:00.000Z');
    expect(urgentAt(s, mondayNoon, { confirmed: false, senderId: 'boss' })).toBe(mondayNoon);
    expect(iso(urgentAt(s, mondayNoon, { confirmed: true, senderId: 'other' }))).toBe(
      '2026-01-19T09:00:00.000Z',
    );
  });
});
