import { addDays, expect, loginAs, test } from '../fixtures';

test.describe('care on a phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test('a worker records a visit from the worklist and sees the next visit booked', async ({ page, seed }) => {
    const { visitId, name, today } = await seed.visitDueToday();
    await loginAs(page, 'demo-worker-a');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-worklist').click();
    await expect(page).toHaveURL(/\/care\/worklist/);
    const record = page.getByTestId('worklist-today').getByTestId(`record-visit-${visitId}`);
    await expect(record).toBeVisible();
    await record.click();
    await page.getByTestId('record-notes').fill('老人精神状态好，已测血压');
    await page.getByTestId('record-visit-submit').click();
    // Visited today: a red client's next visit is a week on.
    await expect(page.getByTestId('next-visit-due')).toHaveText(`已记录，下次走访：${addDays(today, 7)}`);
    await expect(page.getByRole('alert').filter({ hasText: name })).toBeVisible();
    // The recorded visit leaves the list; nothing overflows the 375 px screen.
    await expect(page.getByTestId(`record-visit-${visitId}`)).toHaveCount(0);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
  });
});

test('a supervisor approves a tier downgrade from the approval queue', async ({ page, seed }) => {
  const { id: clientId, name, changeId } = await seed.pendingDowngrade();
  await loginAs(page, 'demo-supervisor-a');
  await page.getByTestId('menu-approvals').click();
  const approve = page.getByTestId(`approve-${changeId}`);
  await expect(approve).toBeVisible();
  const row = page.locator('tr', { has: approve });
  await expect(row.getByRole('link', { name })).toHaveAttribute('href', `/care/clients/${clientId}`);
  await approve.click();
  await page.getByTestId('approve-confirm').click(); // the dialog says what will happen (approvals-history.spec.ts)
  await expect(page.getByTestId(`approve-${changeId}`)).toHaveCount(0);
  // The client's tier is now the lower one: red → yellow.
  await page.goto(`/care/clients/${clientId}`);
  await expect(page.getByTestId('client-name')).toHaveText(name);
  await expect(page.getByTestId('client-tier')).toHaveAttribute('data-tier', 'yellow');
});

test('a supervisor sees overdue visits by worker and the on-time rate for the last three months', async ({
  page,
  seed,
}) => {
  // The demo data has overdue visits in community A. What the page must show is what the API says at this moment
  // (the demo data is dated from the day the server started, and other tests add visits), read just before.
  const queue = await (
    await seed.as('demo-supervisor-a')
  ).getOk<{
    byWorker: { label: string; total: number }[];
    onTimeRateByTier: { tier: string; done: number; onTime: number; rate: number | null }[];
    onTimePeriod: { from: string; until: string };
  }>('/api/care/overdue');
  const liu = queue.byWorker.find((b) => b.label.endsWith('刘社工'));
  expect(liu, 'demo-worker-a has overdue visits in the demo data').toBeTruthy();
  await loginAs(page, 'demo-supervisor-a');
  await page.getByTestId('menu-overdue').click();
  await expect(page).toHaveURL(/\/care\/overdue/);
  const byWorker = page.getByTestId('overdue-by-worker');
  await expect(byWorker.locator('tr.ant-table-row')).toHaveCount(queue.byWorker.length);
  await expect(byWorker.locator('tr.ant-table-row', { hasText: '刘社工' }).locator('td').last()).toHaveText(
    String(liu!.total),
  );
  // The on-time card names its period: the first day of the month two months back to the last day of this month.
  const { from, until } = queue.onTimePeriod;
  await expect(page.getByText(`按时走访率（${from} 至 ${addDays(until, -1)}）`)).toBeVisible();
  const rates = page.getByTestId('overdue-ontime').locator('.ant-col');
  await expect(rates).toHaveCount(queue.onTimeRateByTier.length);
  for (const [i, r] of queue.onTimeRateByTier.entries()) {
    await expect(rates.nth(i)).toContainText(r.rate === null ? '—' : `${Math.round(r.rate * 1000) / 10}%`);
    await expect(rates.nth(i)).toContainText(`按时 ${r.onTime} / 已完成 ${r.done}`);
  }
});
