import { expect, loginAs, test } from '../fixtures';

test.describe('care on a phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test('a worker records a visit from the worklist and sees the next visit booked', async ({ page }) => {
    await loginAs(page, 'demo-worker-a');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-worklist').click();
    await expect(page).toHaveURL(/\/care\/worklist/);
    const record = page.locator('[data-testid^="record-visit-"]').first();
    await expect(record).toBeVisible();
    const visitId = (await record.getAttribute('data-testid'))!.replace('record-visit-', '');
    await record.click();
    await page.getByTestId('record-notes').fill('老人精神状态好，已测血压');
    await page.getByTestId('record-visit-submit').click();
    const next = page.getByTestId('next-visit-due');
    await expect(next).toBeVisible();
    await expect(next).toContainText(/\d{4}-\d{2}-\d{2}/);
    // The recorded visit leaves the list; nothing overflows the 375 px screen.
    await expect(page.getByTestId(`record-visit-${visitId}`)).toHaveCount(0);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
  });
});

test('a supervisor approves a tier downgrade from the approval queue', async ({ page }) => {
  await loginAs(page, 'demo-supervisor-a');
  await page.getByTestId('menu-approvals').click();
  const approve = page.locator('[data-testid^="approve-"]').first();
  await expect(approve).toBeVisible();
  const changeId = (await approve.getAttribute('data-testid'))!.replace('approve-', '');
  const row = page.locator('tr', { has: page.getByTestId(`approve-${changeId}`) });
  const clientHref = await row.getByRole('link').first().getAttribute('href');
  await approve.click();
  await expect(page.getByTestId(`approve-${changeId}`)).toHaveCount(0);
  // The client's tier is now the lower one (red → yellow in the demo data).
  await page.goto(clientHref!);
  await expect(page.getByTestId('client-name')).toBeVisible();
  await expect(page.getByTestId('client-tier')).toHaveAttribute('data-tier', 'yellow');
});

test('a supervisor sees overdue visits by worker and the on-time rate for the last three months', async ({ page }) => {
  await loginAs(page, 'demo-supervisor-a');
  await page.getByTestId('menu-overdue').click();
  await expect(page).toHaveURL(/\/care\/overdue/);
  // The demo data has overdue visits in community A, so the worker table has at least one row with a count.
  const byWorker = page.getByTestId('overdue-by-worker');
  await expect(byWorker.locator('tr.ant-table-row').first()).toBeVisible();
  await expect(byWorker).toContainText('刘社工');
  // The on-time card names its period: the first day of the month two months back to the end of this month.
  await expect(page.getByText(/按时走访率（\d{4}-\d{2}-01 至 \d{4}-\d{2}-\d{2}）/)).toBeVisible();
  await expect(page.getByTestId('overdue-ontime')).toContainText('%');
});
