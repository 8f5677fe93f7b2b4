import { DEMO_COMMUNITY, expect, loginAs, logout, test, uniqueName } from '../fixtures';

test('F6: an account the system administrator creates waits for the area supervisor, who issues a one-time password', async ({
  page,
  seed,
}) => {
  const admin = await seed.as('demo-admin');
  const username = `e2e-new-${Date.now()}`;
  const created = await admin.postOk<{ status: string }>('/api/users', {
    username,
    displayName: '新来的社工',
    roles: ['community_worker'],
    areaCodes: [DEMO_COMMUNITY.a],
  });
  expect(created.status).toBe('pending');

  await loginAs(page, 'demo-supervisor-a');
  await page.getByTestId('menu-users').click();
  await page.getByTestId(`user-open-${username}`).click();
  await expect(page.getByTestId('user-drawer')).toContainText('待激活');
  await page.getByTestId('user-activate').click();
  await page.getByTestId('otp-issue').click();
  const oneTime = (await page.getByTestId('otp-value').innerText()).trim();
  expect(oneTime).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
  await page.getByTestId('otp-done').click();
  await expect(page.getByTestId('user-drawer')).toContainText('正常');
  await page.keyboard.press('Escape');
  await logout(page);

  // The new colleague logs in with it and must choose a password at once.
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(oneTime);
  await page.getByTestId('login-submit').click();
  await expect(page.getByText('请修改密码')).toBeVisible();
});

test('F3: the approval screen names the areas and rows, and only an approver holding all of them may approve', async ({
  page,
  seed,
}) => {
  // Two clients of this test's own, one in each of demo-social's communities, found by a name no other row has; the
  // request covers the whole jurisdiction (no community chosen), so both communities.
  const family = uniqueName('导出');
  await seed.client({ as: 'demo-social', communityCode: DEMO_COMMUNITY.a, name: `${family}甲` });
  await seed.client({ as: 'demo-social', communityCode: DEMO_COMMUNITY.b, name: `${family}乙` });
  const social = await seed.as('demo-social');
  const request = await social.postOk<{ id: string; estimatedRows: number }>('/api/care/exports', {
    filter: { q: family },
    reason: 'E2E 两个社区的年度复核',
  });
  expect(request.estimatedRows).toBe(2);

  // The supervisor of 洗面桥 (A) alone holds only part of it: the request is not in their queue.
  await loginAs(page, 'demo-supervisor-a');
  const listed = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/care/exports' && r.request().method() === 'GET',
  );
  await page.getByTestId('menu-exports').click();
  expect(JSON.stringify(await (await listed).json())).not.toContain(request.id);
  await expect(page.getByTestId('exports-table')).toBeVisible();
  await expect(page.getByTestId(`export-approve-${request.id}`)).toHaveCount(0);
  await logout(page);

  // The street officer holds both: the confirmation says what will be released.
  await loginAs(page, 'demo-street');
  await page.getByTestId('menu-exports').click();
  await expect(page.getByTestId(`export-areas-${request.id}`)).toContainText('洗面桥');
  await expect(page.getByTestId(`export-areas-${request.id}`)).toContainText('蜀汉街');
  await expect(page.getByTestId(`export-areas-${request.id}`)).toHaveText('洗面桥社区、蜀汉街社区');
  await expect(page.getByTestId(`export-rows-${request.id}`)).toHaveText('≈2');
  await page.getByTestId(`export-approve-${request.id}`).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('导出 2 行未脱敏数据');
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  // Decided, it leaves 待审批 for 已处理 (approvals-history.spec.ts).
  await expect(page.getByTestId(`export-approve-${request.id}`)).toHaveCount(0);
  await page.getByTestId('approvals-tab-decided').click();
  await expect(page.getByTestId(`export-status-${request.id}`)).toContainText('已批准');
});
