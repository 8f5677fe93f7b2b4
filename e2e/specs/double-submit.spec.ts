import { DEMO_COMMUNITY, expect, loginAs, pickSearched, test, uniqueName } from '../fixtures';

// Issue 9 item 2: a double click on 提交 used to create two referrals, warn about the client just saved, or show a
// false failure after recording a visit. Each form below is double-clicked; each makes exactly one record.

test('double-clicking 发起转介 sends one referral', async ({ page, seed }) => {
  const { id } = await seed.client();
  const worker = await seed.as('demo-worker-a');
  await worker.postOk(`/api/care/clients/${id}/consents`, {
    purpose: 'referral',
    basis: 'consent',
    grantedBy: 'self',
    noticeVersion: 'v1',
  });
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  await page.getByTestId('referral-add').click();
  // A provider outside the partner register: 其他, with its name.
  await pickSearched(page, 'referral-organisation', '其他', '其他（不在名录中）');
  await page.getByTestId('referral-provider').fill('心连心社工服务中心');
  await page.getByTestId('referral-service').fill('心理疏导');
  await page.getByTestId('referral-submit').dblclick();
  await expect(page.getByTestId('referral-submit')).toHaveCount(0);
  await expect(page.getByTestId('referral-error')).toHaveCount(0);
  const detail = await worker.getOk<{ timeline: { kind: string }[] }>(`/api/care/clients/${id}`);
  expect(detail.timeline.filter((e) => e.kind === 'referral')).toHaveLength(1);
});

test('double-clicking 提交 on 新增服务对象 saves one client and warns about nothing', async ({ page, seed }) => {
  const name = uniqueName('双击');
  await loginAs(page, 'demo-worker-a');
  await page.goto('/care/clients/new');
  await page.getByTestId('client-form-name').fill(name);
  await page.getByTestId('client-form-community').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '洗面桥' }).first().click();
  await page.getByTestId('client-form-categories').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '独居老人' }).first().click();
  await page.keyboard.press('Escape');
  await page.getByTestId('client-form-submit').dblclick();
  await expect(page).toHaveURL(/\/care\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('client-name')).toHaveText(name);
  await expect(page.getByTestId('client-confirm-duplicates')).toHaveCount(0);
  const worker = await seed.as('demo-worker-a');
  const found = await worker.getOk<{ total: number }>(
    `/api/care/clients?q=${encodeURIComponent(name)}&communityCode=${DEMO_COMMUNITY.a}`,
  );
  expect(found.total).toBe(1);
});

test('double-clicking 记录走访 records the visit once and reports success', async ({ page, seed }) => {
  const { id, visitId } = await seed.visitDueToday();
  await loginAs(page, 'demo-worker-a');
  await page.goto('/care/worklist');
  await page.getByTestId('worklist-today').getByTestId(`record-visit-${visitId}`).click();
  await page.getByTestId('record-notes').fill('双击提交测试');
  await page.getByTestId('record-visit-submit').dblclick();
  await expect(page.getByTestId('next-visit-due')).toBeVisible();
  await expect(page.locator('.ant-alert-error')).toHaveCount(0);
  const worker = await seed.as('demo-worker-a');
  const detail = await worker.getOk<{ timeline: { kind: string; data: { status?: string } }[] }>(
    `/api/care/clients/${id}`,
  );
  // The visit the seed recorded a week ago, and this one.
  expect(detail.timeline.filter((e) => e.kind === 'visit' && e.data.status === 'done')).toHaveLength(2);
});
