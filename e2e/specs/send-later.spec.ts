import { expect, test } from '../fixtures/test';

const BEN = { name: 'Ben Later', email: 'ben@example.com', password: 'bens long password' };

test('Ana schedules a thread for tomorrow morning; it waits in her scheduled list and can be cancelled', async ({
  page,
  playwright,
  api,
  server,
}) => {
  const { csrfToken } = await api.setUpWorkspace(page.context().request);
  const benRequest = await playwright.request.newContext({ baseURL: server.url });
  await api.addMember(page.context().request, csrfToken, benRequest, BEN);

  await page.goto('/new');
  await page.getByLabel('Subject').fill('Plan for next sprint');
  await page.getByRole('combobox', { name: 'To' }).fill('Ben');
  await page.getByRole('option', { name: /Ben Later/ }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Have a look before our planning.');
  await page.getByRole('radio', { name: 'At a set time' }).check();
  await expect(page.getByLabel('Send at')).not.toHaveValue('');
  await page.getByRole('button', { name: 'Schedule' }).click();

  // It is kept aside: listed with its subject, and Ben has nothing yet.
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  const scheduled = page.getByRole('list', { name: 'Scheduled posts' });
  await expect(scheduled.getByRole('listitem').filter({ hasText: 'Plan for next sprint' })).toHaveCount(1);
  const benInbox = await (await benRequest.get('/api/inbox?section=needs_reply')).json();
  const benUpdates = await (await benRequest.get('/api/inbox?section=updates')).json();
  expect([...benInbox.items, ...benUpdates.items]).toEqual([]);

  const stored = await (await page.context().request.get('/api/me/scheduled')).json();
  expect(stored.scheduled).toHaveLength(1);
  expect(stored.scheduled[0]).toMatchObject({ status: 'scheduled', subject: 'Plan for next sprint' });
  expect(stored.scheduled[0].sendAt).toBeGreaterThan(Date.now());

  await scheduled
    .getByRole('button', { name: /cancel/i })
    .first()
    .click();
  await expect
    .poll(
      async () => (await (await page.context().request.get('/api/me/scheduled')).json()).scheduled[0].status,
    )
    .toBe('cancelled');
  await benRequest.dispose();
});
