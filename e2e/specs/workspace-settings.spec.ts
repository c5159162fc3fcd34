import { expect, test } from '../fixtures/test';

test('an admin sets the recording limit and transcript language, and sees the speech engine', async ({
  page,
  api,
}) => {
  await api.setUpWorkspace(page.context().request);
  await page.goto('/admin/workspace');

  // The engine list says which engine transcribes and whether it is installed.
  const engines = page.getByRole('definition').filter({ hasText: /available/i });
  await expect(engines.first()).toBeVisible();
  await expect(page.getByText(/^in use/)).toBeVisible();

  await page.getByLabel('Longest recording (minutes)').fill('45');
  await page.getByLabel('Language of recordings').selectOption('pt');
  await page.getByRole('button', { name: 'Save workspace settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Workspace settings saved.' })).toBeVisible();

  const saved = await (await page.context().request.get('/api/workspace/settings')).json();
  expect(saved).toMatchObject({ maxRecordingMinutes: 45, language: 'pt' });

  // A value the server refuses comes back next to its field.
  await page.getByLabel('Longest recording (minutes)').fill('0');
  await page.getByRole('button', { name: 'Save workspace settings' }).click();
  await expect(page.getByLabel('Longest recording (minutes)')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/workspace-settings.png', fullPage: true });
});
