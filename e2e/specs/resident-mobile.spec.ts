import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_COMMUNITY, DEMO_PASSWORD, DEMO_RESIDENTS, expect, test, uniqueName } from '../fixtures';
import { freshPhone, signUpResident } from '../mobile-signup';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function fontSizeOf(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

test('a resident signs up with the code from the demo log, turns on 适老化 mode (it sticks) and reads a notice', async ({
  page,
  seed,
}) => {
  test.setTimeout(90_000); // sign-up, sign-in and a reload on a shared 2-core machine
  // A notice of 洗面桥 published just now by its worker, so the resident has one of this test's own to read.
  const worker = await seed.as('demo-worker-a');
  const title = uniqueName('停水通知');
  const notice = await worker.postOk<{ id: string }>('/api/notices', {
    areaCode: DEMO_COMMUNITY.a,
    title,
    body: '周三上午停水，请提前储水。',
  });
  await worker.postOk(`/api/notices/${notice.id}/publish`);

  const phone = freshPhone('139');
  await signUpResident(page, { phone, name: '赵阿姨', password: 'Zhao-ayi-2026!' });
  await expect(page.getByTestId('m-home-title')).toContainText('赵阿姨');

  // 适老化: at least 18 px body text, kept after a reload (on the account and in this browser).
  expect(await fontSizeOf(page, 'm-root')).toBeLessThan(18);
  await page.getByTestId('m-elder-switch').click();
  await expect(page.getByTestId('m-root')).toHaveAttribute('data-elder', 'on');
  expect(await fontSizeOf(page, 'm-root')).toBeGreaterThanOrEqual(18);
  await page.reload();
  await expect(page.getByTestId('m-home-title')).toContainText('赵阿姨');
  await expect(page.getByTestId('m-root')).toHaveAttribute('data-elder', 'on');
  expect(await fontSizeOf(page, 'm-root')).toBeGreaterThanOrEqual(18);
  await expect(page.getByTestId('m-elder-switch')).toHaveAttribute('aria-checked', 'true');
  const navHeight = await page.getByTestId('m-nav-notices').evaluate((el) => el.getBoundingClientRect().height);
  expect(navHeight).toBeGreaterThanOrEqual(48);

  // The notice board of the chosen community.
  await page.getByTestId('m-nav-notices').click();
  await page.getByTestId(`m-notice-${notice.id}`).click();
  await expect(page.getByTestId('m-notice-detail')).toContainText(title);
  await expect(page.getByTestId('m-notice-detail')).toContainText('周三上午停水');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});

test('a linked demo resident sees the next visit and the worker; the staff login refuses the account', async ({
  page,
  consoleGuard,
}) => {
  await page.goto('/m/login');
  await page.getByTestId('m-login-phone').fill(DEMO_RESIDENTS.linked.phone);
  await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await expect(page.getByTestId('m-home-title')).toContainText(DEMO_RESIDENTS.linked.name);
  await page.getByTestId('m-nav-me').click();
  await expect(page.getByTestId('m-worker')).toContainText('刘社工');
  await expect(page.getByTestId('m-next-visit')).toContainText(/\d{4}-\d{2}-\d{2}/);
  // The staff pages are not for residents: the staff shell sends the account back to /m.
  await page.goto('/');
  await expect(page).toHaveURL(/\/m$/);
  await page.getByTestId('m-nav-me').click();
  await page.getByTestId('m-logout').click();
  await expect(page.getByTestId('m-login-submit')).toBeVisible();
  consoleGuard.allow({ text: /401/, url: /\/api\/auth\/login$/ });
  await page.goto('/login');
  await page.getByTestId('login-username').fill('r_demo_1');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
});

test('the /m sign-in and sign-up pages pass the WCAG A/AA rules, in 适老化 mode too', async ({ page }) => {
  test.setTimeout(150_000); // four axe runs on a shared 2-core machine
  const check = async (where: string) => {
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
    expect(serious).toEqual([]);
  };
  await page.goto('/m/login');
  await expect(page.getByTestId('m-login-submit')).toBeVisible();
  await check('/m/login');
  await page.getByTestId('m-to-signup').click();
  await expect(page.getByTestId('m-signup-submit')).toBeVisible();
  await check('/m/signup');
  if ((await page.getByTestId('m-root').getAttribute('data-elder')) === 'off')
    await page.getByTestId('m-elder-switch').click();
  await expect(page.getByTestId('m-root')).toHaveAttribute('data-elder', 'on');
  await check('/m/signup, 适老化');
  await page.getByRole('link', { name: /登录|Sign in/ }).click();
  await expect(page.getByTestId('m-login-submit')).toBeVisible();
  await check('/m/login, 适老化');
});
