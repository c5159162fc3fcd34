import { expect, test } from '../fixtures/test';

const BEN = { name: 'Ben Tanaka', email: 'ben@example.com', password: 'bens long password' };
const TOKYO = 'Asia/Tokyo';
const TOKYO_OFFSET_H = 9; // Japan has no daylight-saving time.
const WORKING = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const DIGESTS = ['09:00', '14:00'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wall-clock parts in Tokyo, via Intl (what the test trusts, independent of the server's code). */
function tokyo(ms: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: TOKYO,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday,
    hhmm: `${parts.hour}:${parts.minute}`,
  };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The instant of a Tokyo wall-clock time, `k` days after the Tokyo date of `ms`. */
function tokyoInstant(ms: number, k: number, hhmm: string): number {
  const d = tokyo(ms);
  return Date.UTC(d.year, d.month - 1, d.day + k, 0, minutes(hhmm)) - TOKYO_OFFSET_H * 3600_000;
}

/** "09:00 tomorrow" as the server words it, for an instant in Tokyo seen at `now`. */
function inWords(now: number, at: number): string {
  const then = tokyo(at);
  for (let k = 0; k < 7; k++) {
    const day = tokyo(tokyoInstant(now, k, '12:00'));
    if (day.day === then.day && day.month === then.month) {
      if (k === 0) return `${then.hhmm} today`;
      if (k === 1) return `${then.hhmm} tomorrow`;
      return `${then.hhmm} on ${WEEKDAYS[then.weekday]}`;
    }
  }
  return `${then.hhmm} on ${then.day} ${MONTHS[then.month - 1]}`;
}

const isWorkday = (weekday: number) => weekday >= 1 && weekday <= 5;

/** Ben's next digest after `now`: the first digest time on a working day that is still ahead. */
function nextDigest(now: number): number {
  for (let k = 0; k < 8; k++) {
    for (const time of DIGESTS) {
      const at = tokyoInstant(now, k, time);
      if (at > now && isWorkday(tokyo(at).weekday)) return at;
    }
  }
  throw new Error('no digest within a week');
}

function workingAt(now: number): boolean {
  const t = tokyo(now);
  const m = minutes(t.hhmm);
  return isWorkday(t.weekday) && WORKING.some((r) => minutes(r.start) <= m && m < minutes(r.end));
}

/** Both readings around a check, so a minute (or a digest) turning over mid-test cannot flake. */
function either(make: (now: number) => string, before: number, after: number): RegExp {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp([...new Set([make(before), make(after)])].map(quote).join('|'));
}

test('Ben sets his working hours in Tokyo; Ana’s composer shows his local time and when he will see it', async ({
  browser,
  api,
}) => {
  const anaContext = await browser.newContext({ timezoneId: 'Europe/Lisbon' });
  const benContext = await browser.newContext({ timezoneId: TOKYO });
  const ana = await anaContext.newPage();
  const ben = await benContext.newPage();

  const { csrfToken } = await api.setUpWorkspace(anaContext.request);
  await api.addMember(anaContext.request, csrfToken, benContext.request, BEN);

  // Ben opens the delivery settings (the page emails link to) and takes his device's zone.
  await ben.goto('/settings/delivery');
  await expect(ben.getByRole('heading', { name: 'Delivery', exact: true })).toBeVisible();
  await ben.getByRole('button', { name: `Use ${TOKYO}` }).click();
  await expect(ben.getByLabel('Time zone')).toHaveValue(TOKYO);

  // Monday: 09:00–12:00, then a second range 13:00–17:00; copied to every weekday.
  await ben.getByLabel('Monday end', { exact: true }).fill('12:00');
  await ben.getByRole('button', { name: 'Add hours on Monday' }).click();
  await ben.getByLabel('Monday start 2').fill('13:00');
  await ben.getByLabel('Monday end 2').fill('17:00');
  await ben.getByRole('button', { name: 'Copy Monday to weekdays' }).click();
  await expect(ben.getByLabel('Friday start 2')).toHaveValue('13:00');
  await expect(ben.getByText('You work Mon–Fri 09:00–12:00 and 13:00–17:00 (Asia/Tokyo).')).toBeVisible();

  // A digest at lunch is outside his hours: the error sits under the digest times, nothing is saved.
  await ben.getByLabel('Add a digest time').fill('12:30');
  await ben.getByRole('button', { name: 'Add', exact: true }).click();
  await ben.getByRole('button', { name: 'Save delivery settings' }).click();
  await expect(
    ben.getByRole('alert').filter({ hasText: '12:30 is outside your working hours' }),
  ).toBeVisible();
  await ben.getByRole('button', { name: 'Remove the 12:30 digest' }).click();
  await ben.getByRole('button', { name: 'Save delivery settings' }).click();
  await expect(ben.getByText('Delivery settings saved.')).toBeVisible();

  // Persisted: the API returns what the browser set.
  const saved = await benContext.request.get('/api/me/delivery');
  expect(saved.status()).toBe(200);
  const { preferences, isDefault } = await saved.json();
  expect(isDefault).toBe(false);
  expect(preferences.timeZone).toBe(TOKYO);
  expect(preferences.digestTimes).toEqual(DIGESTS);
  expect(preferences.workingHours).toEqual([[], WORKING, WORKING, WORKING, WORKING, WORKING, []]);

  // Ana writes to Ben: the composer shows his local time and his next digest.
  await ana.goto('/new');
  await ana.getByRole('combobox', { name: 'To' }).fill('Ben');
  const before = Date.now();
  await ana.getByRole('option', { name: /Ben Tanaka/ }).click();
  const preview = ana.getByRole('list', { name: 'When recipients will see it' });
  const row = preview.getByRole('listitem').filter({ hasText: BEN.name });
  await expect(row).toContainText(/in Tokyo/);
  const after = Date.now();
  await expect(row).toContainText(either((now) => `${tokyo(now).hhmm} in Tokyo`, before, after));
  await expect(row).toContainText(
    either((now) => `will see it at ${inWords(now, nextDigest(now))}`, before, Date.now()),
  );

  // Urgent: at once if he is working now; otherwise at his next start unless Ana confirms.
  const urgentFrom = Date.now();
  await ana.getByRole('radio', { name: /Urgent/ }).check();
  const interrupt = ana.getByRole('checkbox', { name: 'Interrupt outside working hours' });
  if (workingAt(urgentFrom) && workingAt(urgentFrom + 60_000)) {
    await expect(row).toContainText('will be notified now');
    await expect(interrupt).toHaveCount(0);
  } else if (!workingAt(urgentFrom) && !workingAt(urgentFrom + 60_000)) {
    await expect(row).toContainText(/will see it at \d\d:\d\d/);
    await interrupt.check();
    await expect(row).toContainText('will be notified now');
  }

  await Promise.all([anaContext.close(), benContext.close()]);
});
