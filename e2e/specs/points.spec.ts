import { expect, loginAs, test } from '../fixtures';

// Issue 12 (爱心积分): a community worker finds the demo volunteers' points accounts, reads a statement and awards
// points for a commendation; the district's earning rules are shown; the balance moves by exactly the award.

interface Account {
  id: string;
  kind: string;
  ownerId: string;
  balance: number;
}

test('a worker awards points to a volunteer and reads the statement; the district rules are shown', async ({
  page,
  seed,
}) => {
  test.slow();
  const worker = await seed.as('demo-worker-a');
  const list = await worker.getOk<{ items: Account[] }>('/api/points/accounts?kind=volunteer&pageSize=100');
  const account = list.items[0]!;
  expect(account, 'the demo has volunteer accounts').toBeTruthy();

  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('menu-points').click();
  await expect(page).toHaveURL(/\/points$/);
  await expect(page.getByTestId(`points-balance-${account.id}`)).toBeVisible();
  await page.getByTestId(`points-adjust-${account.id}`).click();
  await page.getByTestId('points-adjust-points').fill('7');
  await page.getByTestId('points-adjust-reason').fill('社区表彰：助老服务积极');
  await page.getByTestId('points-adjust-ok').click();
  await expect(page.getByTestId('points-adjust-ok')).toHaveCount(0);

  const after = await worker.getOk<{ account: { balance: number } }>(`/api/points/statement?accountId=${account.id}`);
  expect(after.account.balance).toBeGreaterThanOrEqual(account.balance + 7);
  await page.getByTestId(`points-view-${account.id}`).click();
  await expect(page.getByTestId('points-statement-lines')).toContainText('社区表彰：助老服务积极');

  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: '积分规则' }).click();
  await expect(page.getByTestId('points-rule-in-force')).toContainText('300');
});
