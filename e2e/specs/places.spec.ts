import { expect, loginAs, test } from '../fixtures';

// 小区楼栋/地点 (Ant Design spaces two-character button labels: 编 辑, hence the patterns): a community worker finds the demo community's buildings, adds one, renames it, and deactivates it.

test('a community worker keeps the list of buildings and points residents pick from', async ({ page }) => {
  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('menu-places').click();
  await expect(page).toHaveURL(/\/places$/);
  const table = page.getByTestId('places-table');
  await expect(table.getByText('3号楼', { exact: true })).toBeVisible();
  await expect(table.getByText('东门', { exact: true })).toBeVisible();

  const name = `${Date.now() % 1e6}号楼`;
  await page.getByTestId('places-create').click();
  await page.getByTestId('place-name').fill(name);
  await page.getByTestId('place-address').fill('洗面桥街 8 号院');
  await page.getByTestId('place-save').click();
  const row = table.locator('tr', { hasText: name });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: /编\s*辑/ }).click();
  await page.getByTestId('place-name').fill(`${name}A`);
  await page.getByTestId('place-save').click();
  const renamed = table.locator('tr', { hasText: `${name}A` });
  await expect(renamed).toBeVisible();

  await renamed.getByRole('button', { name: /停\s*用/ }).click();
  await expect(table.locator('tr', { hasText: `${name}A` })).toHaveCount(0);
  await page.getByText('显示已停用').click();
  await expect(table.locator('tr', { hasText: `${name}A` }).getByText('已停用')).toBeVisible();
});
