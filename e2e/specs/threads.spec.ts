import { expect, test } from '../fixtures/test';

const BEN = { name: 'Ben Colleague', email: 'ben@example.com', password: 'bens long password' };
const CY = { name: 'Cy Outsider', email: 'cy@example.com', password: 'cys long password' };
const ZONE = 'Europe/Lisbon';

/** Next Friday (never today) as the datetime-local value for 17:00, and its "Fri 5 Dec" label. */
function nextFriday(): { input: string; label: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date()); // yyyy-mm-dd
  const noon = new Date(`${today}T12:00:00Z`);
  const ahead = (5 - noon.getUTCDay() + 7) % 7 || 7;
  noon.setUTCDate(noon.getUTCDate() + ahead);
  const day = noon.toISOString().slice(0, 10);
  const label = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  })
    .format(noon)
    .replace(',', '');
  return { input: `${day}T17:00`, label };
}

test('Ana asks Ben for a reply by Friday; it reaches him live, he answers, and search respects the space', async ({
  browser,
  api,
}) => {
  const context = () => browser.newContext({ timezoneId: ZONE });
  const anaContext = await context();
  const benContext = await context();
  const cyContext = await context();
  const ana = await anaContext.newPage();
  const ben = await benContext.newPage();
  const cy = await cyContext.newPage();

  // Seed through the API: Ana owns the workspace; Ben and Cy join; a private space holds Ana and Ben.
  const { csrfToken } = await api.setUpWorkspace(anaContext.request);
  const benMember = await api.addMember(anaContext.request, csrfToken, benContext.request, BEN);
  await api.addMember(anaContext.request, csrfToken, cyContext.request, CY);
  const space = await api.createSpace(anaContext.request, csrfToken, {
    name: 'Launch crew',
    visibility: 'private',
    memberIds: [benMember.id],
  });

  // Ben's inbox is open before Ana writes; a marker proves the page is never reloaded.
  await ben.goto('/');
  await expect(ben.getByRole('heading', { name: 'Nothing needs your reply' })).toBeVisible();
  await ben.evaluate(() => {
    (window as unknown as { stayedOpen: boolean }).stayedOpen = true;
  });

  // Ana writes the thread in the composer: to the private space, reply by Friday 17:00.
  const due = nextFriday();
  const subject = 'Launch checklist for the pelican release';
  await ana.goto('/');
  await ana.getByRole('link', { name: 'New thread' }).first().click();
  await ana.getByLabel('Subject').fill(subject);
  await ana.getByRole('combobox', { name: 'To' }).fill('Launch');
  await ana.getByRole('option', { name: /Launch crew/ }).click();
  await expect(ana.getByRole('list', { name: 'Recipients' })).toContainText(space.name);
  await ana
    .getByRole('textbox', { name: 'Message' })
    .fill('Please confirm the pelican banner copy before Friday.');
  await ana.getByRole('radio', { name: 'Reply by a date' }).check();
  await ana.getByLabel('Reply needed by').fill(due.input);
  await ana.getByRole('button', { name: 'Send' }).click();
  await expect(ana).toHaveURL(/\/threads\/[^/]+$/);
  await expect(ana.getByRole('heading', { name: subject })).toBeVisible();

  // It arrives in Ben's open inbox, under Needs your reply, with the due date — without a reload.
  const needsReply = ben.getByRole('list', { name: 'Needs your reply' });
  const row = needsReply.getByRole('listitem').filter({ hasText: subject });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`Reply by ${due.label}`);
  await expect(row).toContainText(/due (in \d+ days|tomorrow)/);
  expect(await ben.evaluate(() => (window as unknown as { stayedOpen?: boolean }).stayedOpen)).toBe(true);

  // Ben opens it and replies.
  await row.getByRole('link', { name: subject }).click();
  await expect(ben.getByRole('heading', { name: subject })).toBeVisible();
  await expect(ben.getByText(`Ana needs a reply from you by ${due.label}`)).toBeVisible();
  await ben.getByRole('textbox', { name: 'Reply' }).fill('Confirmed, the copy is final.');
  await ben.getByRole('button', { name: 'Send reply' }).click();
  await expect(ben.getByRole('article').filter({ hasText: 'Confirmed, the copy is final.' })).toBeVisible();

  // Ana's open thread shows that Ben answered.
  await expect(ana.getByText(`answered by ${BEN.name}`)).toBeVisible();

  // Ben's item has left Needs your reply.
  await ben
    .getByRole('link', { name: /^Inbox/ })
    .first()
    .click();
  await expect(ben.getByRole('heading', { name: 'Nothing needs your reply' })).toBeVisible();

  // Search finds the thread for Ana and Ben, and not for Cy, who is outside the private space.
  for (const page of [ana, ben]) {
    await page.goto('/search?q=pelican');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('link', { name: subject }).first()).toBeVisible();
  }
  await cy.goto('/search?q=pelican');
  await expect(cy.getByRole('heading', { name: 'Nothing found for “pelican”' })).toBeVisible();
  await expect(cy.getByRole('list', { name: 'Search results' })).toHaveCount(0);

  // A hit opens the post in its thread.
  await ben
    .getByRole('list', { name: 'Search results' })
    .getByRole('link', { name: subject })
    .first()
    .click();
  await expect(ben).toHaveURL(/\/threads\/[^/]+#post-/);
  await expect(ben.getByRole('heading', { name: subject })).toBeVisible();

  await Promise.all([anaContext.close(), benContext.close(), cyContext.close()]);
});
