import { expect, loginAs, logout, test } from '../fixtures';

test("the auditor finds demo-worker-a's login in the audit log", async ({ page }) => {
  // Produce the event: demo-worker-a logs in (and out).
  await loginAs(page, 'demo-worker-a');
  // An ordinary worker has no audit log in the menu.
  await expect(page.getByTestId('menu-home')).toBeVisible();
  await expect(page.getByTestId('menu-audit')).toHaveCount(0);
  await logout(page);

  await loginAs(page, 'demo-auditor');
  await expect(page.getByTestId('menu-audit')).toBeVisible();
  // The audit administrator does not manage users (separation of duties).
  await expect(page.getByTestId('menu-users')).toHaveCount(0);

  await page.getByTestId('menu-audit').click();
  await expect(page).toHaveURL(/\/audit(\?|$|\/)/);
  const table = page.getByTestId('audit-table');
  await expect(table).toBeVisible();

  await page.getByTestId('audit-filter-actor').fill('demo-worker-a');
  // Wait for the filtered answer, so the assertions below never look at the unfiltered first page.
  const filtered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/audit' && new URL(r.url()).searchParams.get('actor') === 'demo-worker-a',
  );
  await page.getByTestId('audit-search').click();
  expect((await filtered).status()).toBe(200);

  // The filtered table shows the successful login of demo-worker-a, and only rows of that actor.
  const loginRow = table
    .getByRole('row')
    .filter({ has: page.getByTestId('audit-action').getByText('登录', { exact: true }) })
    .filter({ hasText: 'demo-worker-a' })
    .filter({ hasText: '成功' });
  await expect(loginRow.first()).toBeVisible();
  const dataRows = table.locator('tbody tr[data-row-key]');
  await expect(dataRows.first()).toBeVisible();
  // Retried until the filtered page has replaced the previous one (the list keeps old rows while loading).
  await expect(dataRows.filter({ hasNotText: 'demo-worker-a' })).toHaveCount(0);
});

test("a community worker's menu follows its permissions", async ({ page }) => {
  // demo-worker-b has the same role as demo-worker-a; a different account keeps each user's logins
  // per minute well under the server's per-user login rate limit (10/min by default).
  await loginAs(page, 'demo-worker-b');
  await expect(page.getByTestId('menu-home')).toBeVisible();
  await expect(page.getByTestId('menu-profile')).toBeVisible();
  await expect(page.getByTestId('menu-audit')).toHaveCount(0);
  // Workers may read staff in their areas (user.read) but cannot manage them: a menu entry would be useless (issue 9).
  await expect(page.getByTestId('menu-users')).toHaveCount(0);
  await expect(page.getByTestId('menu-areas')).toHaveCount(0);

  // Direct navigation to the audit log is not a way around the menu.
  await page.goto('/audit');
  await expect(page.getByText('您没有访问此页面的权限')).toBeVisible();
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
});
