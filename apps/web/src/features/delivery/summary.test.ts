import type { DeliveryPreferences } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';
import { describeWeek, listInWords, summarize } from './summary';

const nine = [{ start: '09:00', end: '17:00' }];

function prefs(patch: Partial<DeliveryPreferences> = {}): DeliveryPreferences {
  return {
    timeZone: 'Asia/Tokyo',
    workingHours: [[], nine, nine, nine, nine, nine, []],
    timeOff: [],
    focusBlocks: [],
    channels: {
      urgent: { inApp: true, email: true },
      reminder: { inApp: true, email: false },
      digest: { inApp: false, email: true },
      mention: { inApp: false, email: false },
    },
    digestTimes: ['14:00', '09:00'],
    ...patch,
  };
}

describe('delivery summary', () => {
  it('joins lists the way people write them', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['09:00'])).toBe('09:00');
    expect(listInWords(['09:00', '12:00', '14:00'])).toBe('09:00, 12:00 and 14:00');
  });

  it('groups consecutive days with the same hours, Monday first', () => {
    expect(describeWeek(prefs().workingHours)).toBe('Mon–Fri 09:00–17:00');
    const split = [{ start: '09:00', end: '12:00' }, ...[{ start: '13:00', end: '17:00' }]];
    expect(describeWeek([[{ start: '10:00', end: '12:00' }], split, split, nine, [], [], []])).toBe(
      'Mon, Tue 09:00–12:00 and 13:00–17:00; Wed 09:00–17:00; Sun 10:00–12:00',
    );
    expect(describeWeek([[], [], [], [], [], [], []])).toBe('no working hours');
  });

  it('says when digests and urgent messages arrive, and on which channel', () => {
    const text = summarize(prefs()).join(' ');
    expect(text).toContain('You work Mon–Fri 09:00–17:00 (Asia/Tokyo).');
    expect(text).toContain('You get digests at 09:00 and 14:00 on working days (by email).');
    expect(text).toContain('Urgent messages reach you by email and in the app at once during working hours');
    expect(text).toContain('Reminders before a due date come in the app');
    expect(text).not.toContain('Mentions');
  });

  it('mentions when the digest is off, focus time and time off', () => {
    const text = summarize(
      prefs({
        channels: { ...prefs().channels, digest: { inApp: false, email: false } },
        focusBlocks: [{ weekday: 2, start: '09:00', end: '11:00' }],
        timeOff: [{ from: '2999-01-02', to: '2999-01-09', urgentFrom: [] }],
      }),
    ).join(' ');
    expect(text).toContain('You get no digest');
    expect(text).toContain('focus time: Tue 09:00–11:00');
    expect(text).toContain('away from 2999-01-02 to 2999-01-09');
  });
});
