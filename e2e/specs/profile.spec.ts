import { expect, OWNER, test } from '../fixtures/test';

test('a person changes their name and time zone, and the change persists', async ({ page, api }) => {
  await api.setUpWorkspace(page.context().request);
  await page.goto('/settings/profile');
  const name = page.getByLabel('Your name');
  await expect(name).toHaveValue(OWNER.name);
  await name.fill('Ana Lima');
  await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await page.getByLabel('Language you record in').selectOption('pt');
  await page.getByRole('button', { name: /save/i }).first().click();
  await expect(page.getByRole('status').or(page.getByText(/saved/i)).first()).toBeVisible();

  const session = await (await page.context().request.get('/api/auth/session')).json();
  expect(session.user).toMatchObject({ name: 'Ana Lima', timeZone: 'Asia/Tokyo', language: 'pt' });
});
