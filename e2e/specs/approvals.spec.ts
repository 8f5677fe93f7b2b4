import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, expect, loginAs, logout, test } from '../fixtures';

/** Logs a demo account in through the API (a context of its own) and returns a caller that sends its CSRF token. */
async function apiAs(request: APIRequestContext, username: string) {
  const login = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  const body = (await login.json()) as { status: string; session?: { csrfToken: string } };
  expect(body.status, `${username} API login`).toBe('ok');
  const csrf = body.session!.csrfToken;
  return { post: (path: string, data: unknown) => request.post(path, { data, headers: { 'x-csrf-token': csrf } }) };
}

test('F6: an account the system administrator creates waits for the area supervisor, who issues a one-time password', async ({ page, playwright, baseURL }) => {
  const adminContext = await playwright.request.newContext({ baseURL });
  const admin = await apiAs(adminContext, 'demo-admin');
  const username = `e2e-new-${Date.now()}`;
  const created = await admin.post('/api/users', { username, displayName: '新来的社工', roles: ['community_worker'], areaCodes: ['510107001004'] });
  expect(created.status()).toBe(200);
  expect((await created.json()).status).toBe('pending');
  await adminContext.dispose();

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

test('F3: the approval screen names the areas and rows, and only an approver holding all of them may approve', async ({ page, playwright, baseURL }) => {
  const socialContext = await playwright.request.newContext({ baseURL });
  const social = await apiAs(socialContext, 'demo-social');
  const res = await social.post('/api/care/exports', { filter: {}, reason: 'E2E 两个社区的年度复核' });
  expect(res.status()).toBe(200);
  const request = (await res.json()) as { id: string; estimatedRows: number };
  expect(request.estimatedRows).toBeGreaterThan(0);
  await socialContext.dispose();

  // The supervisor of 洗面桥 (A) alone holds only part of it: the request is not in their queue.
  await loginAs(page, 'demo-supervisor-a');
  const listed = page.waitForResponse((r) => r.url().endsWith('/api/care/exports') && r.request().method() === 'GET');
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
  await expect(page.getByTestId(`export-rows-${request.id}`)).toContainText(`≈${request.estimatedRows.toLocaleString()}`);
  await page.getByTestId(`export-approve-${request.id}`).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText(`约 ${request.estimatedRows.toLocaleString()} 行未脱敏数据`);
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByTestId(`export-status-${request.id}`)).toContainText('已批准');
});
