import { expect, loginAs, test } from '../fixtures';

// Names in the client form: over the limit is an error (the text is kept, not cut), emoji are refused with a message,
// and every message is in the UI language.
test('a name over 40 characters or with emoji is refused in words, never cut', async ({ page }) => {
  await loginAs(page, 'demo-worker-a');
  await page.goto('/care/clients/new');
  const errors = page.locator('.ant-form-item-explain-error');
  const name = page.getByTestId('client-form-name');

  const long = '王'.repeat(41);
  await name.fill(long);
  await expect(name).toHaveValue(long);
  await page.getByTestId('client-form-submit').click();
  await expect(errors.filter({ hasText: '最多填写 40 个字' })).toBeVisible();

  await name.fill('王😀');
  await page.getByTestId('client-form-submit').click();
  await expect(errors.filter({ hasText: '不能包含表情符号' })).toBeVisible();
  await expect(errors.filter({ hasText: /Invalid input|expected \w+, received|Too (small|big)/ })).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await page.getByTestId('client-form-submit').click();
  await expect(errors.filter({ hasText: 'Cannot contain emoji' })).toBeVisible();
  await expect(errors.filter({ hasText: /[\u4e00-\u9fff]/ })).toHaveCount(0);
  await page.getByTestId('lang-switch').click();
});
