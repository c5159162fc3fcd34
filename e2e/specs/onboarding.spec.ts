import { expect, OWNER, test } from '../fixtures/test';

const BEN = { name: 'Ben Colleague', email: 'ben@example.com', password: 'bens long password' };

test('the owner sets up the workspace, invites a colleague who joins, and both see each other', async ({
  page,
  browser,
  api,
  server,
}) => {
  // First visit: there is no workspace yet, so any page leads to setup.
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Workspace name').fill(OWNER.workspaceName);
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL(`${server.url}/`);

  // Sign out and back in through the form.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${server.url}/`);

  // Invite a member from the members page.
  await page.goto('/settings/members');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const inviteLink = page.getByRole('textbox', { name: /invite link/i });
  await expect(inviteLink).toHaveValue(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{43}$`));
  const url = await inviteLink.inputValue();

  // The colleague opens the link in their own browser, with no account.
  const benContext = await browser.newContext();
  const ben = await benContext.newPage();
  await ben.goto(url);
  await expect(ben.getByText(`${OWNER.name} invited you`)).toBeVisible();
  await ben.getByLabel('Your name').fill(BEN.name);
  await ben.getByLabel('Email').fill(BEN.email);
  await ben.getByLabel('Password', { exact: true }).fill(BEN.password);
  await ben.getByRole('button', { name: 'Join workspace' }).click();
  await expect(ben).toHaveURL(`${server.url}/`);

  // Both see each other in the members list.
  await ben.goto('/settings/members');
  const benMembers = ben.getByRole('list', { name: 'Members' });
  await expect(benMembers.getByText(OWNER.name)).toBeVisible();
  await expect(benMembers.getByText(BEN.name)).toBeVisible();

  await page.reload();
  const anaMembers = page.getByRole('list', { name: 'Members' });
  await expect(anaMembers.getByText(BEN.name)).toBeVisible();

  // And the server agrees: the new person exists with the member role.
  const members = await api.members(page.context().request);
  expect(members.map((m) => [m.email, m.role])).toEqual([
    [OWNER.email, 'owner'],
    [BEN.email, 'member'],
  ]);
  // The used link no longer works.
  await ben.goto(url);
  await expect(ben.getByText(/not valid any more|ask for a new/i)).toBeVisible();
  await benContext.close();
});

test('a wrong password shows an error and keeps the person on the sign-in page', async ({
  page,
  api,
  playwright,
  server,
}) => {
  await api.setUpWorkspace(playwright.request);

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');
  await expect(page).toHaveURL(`${server.url}/sign-in`);

  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${server.url}/`);
});

test('a signed-out person is sent to sign-in and back to where they were going', async ({
  page,
  api,
  playwright,
  server,
}) => {
  await api.setUpWorkspace(playwright.request);

  await page.goto('/settings/members');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fmembers$/);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${server.url}/settings/members`);
  await expect(page.getByRole('list', { name: 'Members' }).getByText(OWNER.name)).toBeVisible();
});
