import { expect, loginAs, test, uniqueName } from '../fixtures';

// Issue 12 (慈善超市): a community worker opens a charity supermarket, adds an item priced in points, books an in-kind
// donation in with its source, and finds the stock and the donation in the stock ledger.

test('a worker opens a supermarket, adds an item and books a donation in; the ledger names the donor', async ({
  page,
}) => {
  test.slow();
  const name = uniqueName('爱心超市').slice(0, 30);
  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('menu-supermarket').click();
  await expect(page).toHaveURL(/\/supermarket$/);
  await page.getByTestId('supermarket-create').click();
  await page.getByTestId('supermarket-name').fill(name);
  await page.getByTestId('supermarket-address').fill('幸福路 1 号');
  await page.getByTestId('supermarket-create-ok').click();
  await expect(page).toHaveURL(/\/supermarket\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();

  await page.getByTestId('item-create').click();
  await page.getByTestId('item-name').fill('东北大米');
  await page.getByTestId('item-unit').fill('袋');
  await page.getByTestId('item-price').fill('50');
  await page.getByTestId('item-ok').click();
  const row = page.getByTestId('supermarket-items').getByText('东北大米');
  await expect(row).toBeVisible();

  await page.getByTestId('supermarket-items').getByRole('button', { name: '捐赠入库' }).click();
  await page.getByTestId('stock-in-quantity').fill('12');
  await page.getByTestId('stock-in-donor-name').fill('王先生');
  await page.getByTestId('stock-in-fund').fill('CSKW-2026-009');
  await page.getByTestId('stock-in-ok').click();
  await expect(page.getByTestId('supermarket-items')).toContainText('12');

  await page.getByRole('tab', { name: '库存台账' }).click();
  const ledger = page.getByTestId('supermarket-ledger');
  await expect(ledger).toContainText('捐赠入库');
  await expect(ledger).toContainText('王先生');
  await expect(ledger).toContainText('CSKW-2026-009');
});
