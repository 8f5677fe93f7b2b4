import { expect, loginAs, test } from '../fixtures';

test('forms check input with the contract schemas and speak only the UI language', async ({ page }) => {
  await loginAs(page, 'demo-worker-a');
  await page.goto('/care/clients/new');
  const errors = page.locator('.ant-form-item-explain-error');

  await page.getByTestId('client-form-submit').click();
  await expect(errors.filter({ hasText: '此项为必填项' }).first()).toBeVisible();

  // ClientInput's own message is bilingual ('身份证号码无效（…）/ invalid ID number'): only the Chinese half shows.
  await page.getByTestId('client-form-name').fill('测试甲');
  await page.getByTestId('client-form-idNumber').fill('510107194403021234');
  await page.getByTestId('client-form-submit').click();
  await expect(errors.filter({ hasText: '身份证号码无效' })).toBeVisible();
  await expect(errors.filter({ hasText: /[A-Za-z]{3,}/ })).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await page.getByTestId('client-form-submit').click();
  await expect(errors.filter({ hasText: 'invalid ID number' })).toBeVisible();
  await expect(errors.filter({ hasText: /[\u4e00-\u9fff]/ })).toHaveCount(0);
  await page.getByTestId('lang-switch').click();
});

test('a form dialog sends its request once, however often it is submitted', async ({ page, seed }) => {
  const { id, name } = await seed.client();
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  await expect(page.getByTestId('client-name')).toHaveText(name);

  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/care\/clients\/[^/]+\/consents$/.test(r.url())) posts++;
  });
  await page.getByTestId('consent-add').click();
  const notice = `e2e-${Date.now() % 100000}`;
  await page.getByTestId('consent-notice').fill(notice);
  const submit = page.getByTestId('consent-submit');
  await submit.click();
  // A second click and Enter while the first request is in flight change nothing.
  await submit.click({ force: true, timeout: 1000 }).catch(() => undefined);
  await page
    .getByTestId('consent-notice')
    .press('Enter', { timeout: 1000 })
    .catch(() => undefined);
  await expect(submit).toHaveCount(0);
  // The client had no consent: the list now holds exactly the one just recorded.
  await expect(
    page.getByTestId('consents-list').locator('[data-testid^="consent-"]:not([data-testid^="consent-revoke-"])'),
  ).toHaveCount(1);
  await expect(page.getByTestId('consents-list')).toContainText(notice);
  expect(posts).toBe(1);
});
