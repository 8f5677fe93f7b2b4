import type { Page } from '@playwright/test';
import { expect, loginAs, test } from '../fixtures';

async function chooseOption(page: Page, selectTestId: string, label: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
}

test('the client list keeps its tier filter and page in the URL, so Back returns to the same page', async ({
  page,
}) => {
  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('menu-clients').click();
  const table = page.getByTestId('clients-table');
  const rows = table.locator('tbody tr[data-row-key]');
  await expect(rows.first()).toBeVisible();

  // The demo community has well over 20 blue-tier clients, so the filtered list has a second page.
  await chooseOption(page, 'clients-filter-tier', '蓝');
  await expect(page).toHaveURL(/[?&]tier=blue(&|$)/);
  // Wait for page 2's rows, not only the pagination (which moves before the request answers).
  const secondPage = page.waitForResponse((r) => /\/api\/care\/clients\?.*page=2/.test(r.url()) && r.ok());
  await table.locator('.ant-pagination-item-2').click();
  await secondPage;
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(table.locator('.ant-pagination-item-active')).toHaveText('2');
  const firstKey = await rows.first().getAttribute('data-row-key');
  expect(firstKey).toBeTruthy();

  // A free-text search never goes into the URL (names and ID numbers are personal data).
  expect(page.url()).not.toMatch(/[?&]q=/);

  await table.getByTestId(`client-open-${firstKey}`).click();
  await expect(page.getByTestId('client-name')).toBeVisible();
  await page.goBack();

  await expect(page).toHaveURL(/\/care\/clients\?/);
  await expect(page).toHaveURL(/[?&]tier=blue(&|$)/);
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByTestId('clients-filter-tier')).toContainText('蓝');
  await expect(table.locator('.ant-pagination-item-active')).toHaveText('2');
  await expect(rows.first()).toHaveAttribute('data-row-key', firstKey!);
  // Every row on the page is blue.
  await expect(rows.locator('[data-tier]:not([data-tier="blue"])')).toHaveCount(0);
});

test.describe('lists on a phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test('the client list shows one card per client and never scrolls sideways', async ({ page }) => {
    await loginAs(page, 'demo-worker-a');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-clients').click();
    await expect(page).toHaveURL(/\/care\/clients/);
    const list = page.getByTestId('clients-table');
    const cards = list.locator('.ant-card[data-row-key]');
    await expect(cards.first()).toBeVisible();
    await expect(list.locator('table')).toHaveCount(0);
    // The card shows the main columns: the name (a link to the client), tier, masked ID number and community.
    await expect(cards.first().locator('a[data-testid^="client-open-"]')).toBeVisible();
    await expect(cards.first()).toContainText('身份证号');
    await expect(cards.first()).toContainText('社区');

    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(
      clientWidth,
    );

    // Paging works on cards too, and the page goes into the URL.
    await page.locator('.ant-pagination-next').click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  });
});
