import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';
import { basePrefs, putPrefs, travelTo } from './delivery.test-helpers';

describe.each(databasesUnderTest())('delivery preferences on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let bob: Session;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    bob = await addMember(t.app, ana, { name: 'Bob Builder', email: 'bob@example.com' });
  });
  afterEach(() => t.close());

  it('gives people who never chose Mon–Fri 09:00–17:00 in their own zone, digests at 09:00 and 14:00', async () => {
    const res = await request(t.app, { method: 'GET', url: '/api/me/delivery' }, bob);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.isDefault).toBe(true);
    expect(body.preferences.timeZone).toBe('America/New_York');
    expect(body.preferences.workingHours[1]).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(body.preferences.workingHours[0]).toEqual([]);
    expect(body.preferences.digestTimes).toEqual(['09:00', '14:00']);
  });

  it('saves preferences, keeping the time zone in one place (the profile)', async () => {
    const prefs = {
      ...basePrefs('Europe/Lisbon'),
      workingHours: [
        [],
        [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
        ],
        [],
        [],
        [],
        [],
        [],
      ],
      focusBlocks: [{ weekday: 1, start: '08:00', end: '09:30' }],
      timeOff: [{ from: '2026-08-03', to: '2026-08-14', urgentFrom: [ana.user.id] }],
      digestTimes: ['08:30'],
    };
    const res = await putPrefs(t, bob, prefs);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().isDefault).toBe(false);
    const me = await request(t.app, { method: 'GET', url: '/api/auth/session' }, bob);
    expect(me.json().user.timeZone).toBe('Europe/Lisbon');
    const again = await request(t.app, { method: 'GET', url: '/api/me/delivery' }, bob);
    expect(again.json().preferences).toMatchObject({ digestTimes: ['08:30'], timeOff: prefs.timeOff });
  });

  it('refuses bad input with a message on the field', async () => {
    const cases: [object, string][] = [
      [{ ...basePrefs('Mars/Olympus_Mons') }, 'timeZone'],
      [
        {
          ...basePrefs('Europe/Lisbon'),
          workingHours: [[], [{ start: '17:00', end: '09:00' }], [], [], [], [], []],
        },
        'workingHours.1.0.end',
      ],
      [
        {
          ...basePrefs('Europe/Lisbon'),
          workingHours: [[], [{ start: '10:00', end: '10:00' }], [], [], [], [], []],
        },
        'workingHours.1.0.end',
      ],
      [
        {
          ...basePrefs('Europe/Lisbon'),
          workingHours: [
            [],
            [
              { start: '09:00', end: '13:00' },
              { start: '12:00', end: '17:00' },
            ],
            [],
            [],
            [],
            [],
            [],
          ],
        },
        'workingHours.1.1.start',
      ],
      [{ ...basePrefs('Europe/Lisbon'), workingHours: [[], [], []] }, 'workingHours'],
      [
        {
          ...basePrefs('Europe/Lisbon'),
          workingHours: [[], [{ start: '9am', end: '17:00' }], [], [], [], [], []],
        },
        'workingHours.1.0.start',
      ],
      [{ ...basePrefs('Europe/Lisbon'), digestTimes: ['09:00', '20:00'] }, 'digestTimes.1'],
      [
        {
          ...basePrefs('Europe/Lisbon'),
          timeOff: [{ from: '2026-08-14', to: '2026-08-03', urgentFrom: [] }],
        },
        'timeOff.0.to',
      ],
      [
        {
          ...basePrefs('Europe/Lisbon'),
          timeOff: [{ from: '2026-08-01', to: '2026-08-03', urgentFrom: ['nobody'] }],
        },
        'timeOff.0.urgentFrom',
      ],
      [
        { ...basePrefs('Europe/Lisbon'), focusBlocks: [{ weekday: 7, start: '10:00', end: '11:00' }] },
        'focusBlocks.0.weekday',
      ],
    ];
    for (const [payload, field] of cases) {
      const res = await putPrefs(t, bob, payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), res.body).toContain(field);
    }
    const unchanged = await request(t.app, { method: 'GET', url: '/api/me/delivery' }, bob);
    expect(unchanged.json().isDefault).toBe(true);
  });

  it('shows availability and a composer preview in each recipient’s own time', async () => {
    expect((await putPrefs(t, bob, basePrefs('Europe/Lisbon'))).statusCode).toBe(200);
    travelTo(t, Date.UTC(2026, 0, 13, 22, 10)); // Tuesday 22:10 in Lisbon
    const a = await request(t.app, { method: 'GET', url: `/api/people/${bob.user.id}/availability` }, ana);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({
      timeZone: 'Europe/Lisbon',
      localTime: '22:10',
      working: false,
      nextWorkingAt: Date.UTC(2026, 0, 14, 9),
      awayUntil: null,
    });
    const preview = await request(
      t.app,
      {
        method: 'POST',
        url: '/api/delivery/preview',
        payload: { recipients: { userIds: [bob.user.id] }, expectation: { kind: 'fyi' } },
      },
      ana,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().recipients[0]).toMatchObject({
      willBeNotifiedAt: Date.UTC(2026, 0, 14, 9),
      channel: 'digest',
      reason: '22:10 in Lisbon — will see it at 09:00 tomorrow',
    });
    const urgent = await request(
      t.app,
      {
        method: 'POST',
        url: '/api/delivery/preview',
        payload: {
          recipients: { userIds: [bob.user.id] },
          expectation: { kind: 'urgent', interruptOutsideHours: true },
        },
      },
      ana,
    );
    expect(urgent.json().recipients[0]).toMatchObject({
      channel: 'email',
      reason: '22:10 in Lisbon — will be notified now',
    });
    const nobody = await request(t.app, { method: 'GET', url: '/api/people/nobody/availability' }, ana);
    expect(nobody.statusCode).toBe(404);
  });

  it('says when someone is away', async () => {
    const prefs = {
      ...basePrefs('Europe/Lisbon'),
      timeOff: [{ from: '2026-01-12', to: '2026-01-16', urgentFrom: [] }],
    };
    expect((await putPrefs(t, bob, prefs)).statusCode).toBe(200);
    travelTo(t, Date.UTC(2026, 0, 13, 10, 0));
    const a = await request(t.app, { method: 'GET', url: `/api/people/${bob.user.id}/availability` }, ana);
    expect(a.json()).toMatchObject({
      awayUntil: '2026-01-16',
      working: false,
      nextWorkingAt: Date.UTC(2026, 0, 19, 9),
    });
  });
});
