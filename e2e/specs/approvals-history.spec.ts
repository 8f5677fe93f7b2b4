import { expect, loginAs, test } from '../fixtures';

test('a supervisor approves a downgrade after a dialog that says what will happen, and finds it in 已处理', async ({
  page,
  seed,
}) => {
  const { name, changeId } = await seed.pendingDowngrade();
  await loginAs(page, 'demo-supervisor-a');
  await page.getByTestId('menu-approvals').click();
  await expect(page.getByTestId('approvals-tab-pending')).toHaveText('待审批');
  const approve = page.getByTestId(`approve-${changeId}`);
  await expect(approve).toBeVisible();
  // The scores and the reason behind the change are on the row.
  const row = page.locator('tr', { has: approve });
  await expect(row.getByTestId(`approval-scores-${changeId}`)).toContainText('健康 2');
  await expect(row.getByTestId(`approval-scores-${changeId}`)).toContainText('收入与物质 2');
  await expect(row).toContainText('子女已回家照料');
  await approve.click();
  await expect(page.getByTestId('approve-confirm-text')).toContainText(`将“${name}”的等级由“红”调整为“黄”`);
  await page.getByTestId('approve-confirm').click();
  await expect(page.getByTestId(`approve-${changeId}`)).toHaveCount(0);

  await page.getByTestId('approvals-tab-decided').click();
  await expect(page).toHaveURL(/view=decided/);
  const decision = page.getByTestId(`decision-${changeId}`);
  await expect(decision).toHaveText('已批准');
  const decided = page.locator('tr', { has: decision });
  await expect(decided).toContainText(name);
  await expect(decided).toContainText('张书记');
});

test('the assessment form starts from the previous scores and refuses a downgrade without a reason', async ({
  page,
  seed,
}) => {
  const { id } = await seed.client({ tier: 'red' });
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  await page.getByTestId('client-assess').click();
  await expect(page.getByTestId('assess-prefilled')).toBeVisible();
  // The red assessment scored health 3: the form starts there, suggesting red.
  await expect(page.getByTestId('assess-score-health').locator('.ant-segmented-item-selected')).toHaveText('3');
  await expect(page.getByTestId('assess-suggested')).toHaveAttribute('data-tier', 'red');
  // Health improves to 2 and income is 2: the suggestion (and the tier) is yellow, a downgrade from red.
  await page.getByTestId('assess-score-health').getByText('2', { exact: true }).click();
  await page.getByTestId('assess-score-income').getByText('2', { exact: true }).click();
  await expect(page.getByTestId('assess-suggested')).toHaveAttribute('data-tier', 'yellow');
  const sent = [] as string[];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/care/clients/${id}/assessments`)) sent.push(r.url());
  });
  await page.getByTestId('assessment-submit').click();
  await expect(page.getByText('降低等级须填写理由')).toBeVisible();
  expect(sent).toEqual([]);
  await page.getByTestId('assess-override-reason').fill('子女已回家照料');
  await page.getByTestId('assessment-submit').click();
  await expect(page.getByTestId('assessment-outcome')).toHaveAttribute('data-change', 'pending_approval');
  expect(sent).toHaveLength(1);
});

test('the audit log filters by an action picked by its Chinese name and shows rows in words', async ({
  page,
  seed,
}) => {
  const { id } = await seed.client();
  await loginAs(page, 'demo-auditor');
  await page.getByTestId('menu-audit').click();
  const picker = page.getByTestId('audit-filter-action');
  await picker.click();
  await page.keyboard.type('新增服务');
  const option = page.locator('.ant-select-item-option', { hasText: '新增服务对象' });
  await expect(option).toBeVisible();
  await expect(page.locator('.ant-select-item-option', { hasText: 'client.create' })).toHaveCount(0);
  await option.click();
  await page.getByTestId('audit-filter-object').fill(id);
  const filtered = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/audit' && new URL(r.url()).searchParams.get('action') === 'client.create',
  );
  await page.getByTestId('audit-search').click();
  expect((await filtered).status()).toBe(200);
  const rows = page.getByTestId('audit-table').locator('tbody tr[data-row-key]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('audit-action')).toHaveText('新增服务对象');
  await expect(rows.first()).toContainText('服务对象');
  // The auditor sees the client's name masked, never the code of the action.
  await expect(rows.first().getByTestId('audit-client')).toHaveText(/ · \S\*+$/);
  await expect(rows.first()).not.toContainText('client.create');
});
