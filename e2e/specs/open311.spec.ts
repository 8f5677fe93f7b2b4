import { expect, loginAs, test } from '../fixtures';

// Open311 接口密钥 (issue 11): the system administrator issues a key to a partner system — shown once —, the partner
// files with it through /open311/v2/, and after the administrator revokes it the same call is refused (403).
test('the system administrator issues an Open311 key, it works, and revoked it is refused', async ({ page }) => {
  await loginAs(page, 'demo-admin');
  await page.getByTestId('menu-open311').click();
  await expect(page).toHaveURL(/\/open311\/keys$/);
  await page.getByTestId('open311-create').click();
  const name = `e2e 平台 ${Date.now()}`;
  await page.getByTestId('open311-key-name').fill(name);
  await page
    .getByRole('button', { name: /确\s*定|签发|提\s*交|保\s*存/ })
    .last()
    .click();
  const value = page.getByTestId('open311-key-value');
  await expect(value).toBeVisible();
  const apiKey = (await value.innerText()).trim();
  expect(apiKey).toMatch(/^o311_/);
  await page.getByTestId('open311-key-done').click();
  const row = page.getByTestId('open311-keys').locator('tr', { hasText: name });
  await expect(row).toContainText(apiKey.slice(0, 12));
  await expect(page.getByTestId('open311-keys')).not.toContainText(apiKey);

  // The key is accepted (an unknown service is then the only problem: 400), in the standard's error list.
  const post = () =>
    page.request.post('/open311/v2/requests.json', {
      form: { api_key: apiKey, service_code: 'NO-SUCH', description: 'x', address_string: '东门' },
    });
  const accepted = await post();
  expect(accepted.status()).toBe(400);
  expect((await accepted.json())[0].description).toContain('service_code');

  await row.getByRole('button', { name: /吊\s*销/ }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(row).toContainText('已吊销');
  const refused = await post();
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual([{ code: 403, description: 'api_key is not valid' }]);
});
