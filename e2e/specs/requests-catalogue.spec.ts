import type { Locator, Page } from '@playwright/test';
import { expect, loginAs, test } from '../fixtures';

// 诉求分类 and 派单规则, as the district officer on a phone: add a category with a choice question, edit it (a new
// version, the old one kept in the history), route it in a community to a grid and preview where a request goes.

/** Opens an Ant Design select by its label and picks the option with the text. */
async function choose(page: Page, scope: Locator | Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  // On a loaded machine a click can land while the list is still opening, and the list stays open over the next
  // field: pick until the list has closed (picking the same option of a single select again is harmless).
  const open = page.locator('.ant-select-dropdown:visible');
  const pick = open.locator('.ant-select-item-option').filter({ hasText: option }).first();
  await pick.click();
  await expect(async () => {
    const closed = await expect(open)
      .toHaveCount(0, { timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (!closed) await pick.click({ timeout: 3_000 });
    expect(closed).toBe(true);
  }).toPass({ timeout: 30_000 });
}

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

test('a district officer builds a category on a phone, edits it into version 2 and routes it to a grid', async ({
  page,
}) => {
  // One journey through three forms on a phone: longer than the default 30 s on a shared machine.
  test.setTimeout(90_000);
  const code = `e2e-${Date.now() % 1e8}`;
  const name = `井盖缺失${Date.now() % 1e4}`;
  await loginAs(page, 'demo-district');
  await page.goto('/requests/catalogue');
  await expect(page.getByTestId('category-garbage')).toBeVisible(); // the demo catalogue

  await page.getByTestId('category-create').click();
  const form = page.getByTestId('category-form');
  await form.getByTestId('category-group').fill('市政设施');
  await form.getByTestId('category-code').fill(code);
  await form.getByTestId('category-name').fill(name);
  await form.getByTestId('question-add').click();
  await form.getByTestId('question-0-label').fill('是否有人受伤');
  await choose(page, form, '* 类型', '单选');
  for (const [i, [key, label]] of [
    ['yes', '是'],
    ['no', '否'],
  ].entries()) {
    await form.getByRole('button', { name: '添加选项' }).click();
    await form.getByLabel('选项编码').nth(i).fill(key!);
    await form.getByLabel('选项名称').nth(i).fill(label!);
  }
  await page.getByTestId('category-save').click();
  await expect(page.getByTestId(`category-${code}`)).toBeVisible();

  await page.getByTestId(`category-edit-${code}`).click();
  await page.getByRole('spinbutton', { name: '* 办结时限' }).fill('2');
  await page.getByTestId('category-save').click();
  await expect(page.getByTestId('category-form')).toBeHidden();
  await page.getByTestId(`category-history-${code}`).click();
  await expect(page.getByTestId('category-version-2')).toBeVisible();
  await expect(page.getByTestId('category-version-1')).toContainText(name);
  await page.keyboard.press('Escape');

  await page.goto('/requests/catalogue/rules');
  await page.getByTestId('rule-create').click();
  const rule = page.getByTestId('rule-form');
  await choose(page, rule, '* 适用区域', '浆洗街街道 洗面桥社区');
  await choose(page, rule, '诉求分类', name);
  await rule.getByRole('radio', { name: '网格' }).check();
  await choose(page, rule, '* 网格', '洗面桥社区 第二网格');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-form')).toBeHidden();

  await choose(page, page, '社区', '浆洗街街道 洗面桥社区');
  await choose(page, page, '诉求分类', name);
  await expect(page.getByTestId('preview-result')).toContainText('第二网格');
});
