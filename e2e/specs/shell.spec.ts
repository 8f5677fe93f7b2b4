import { expect, loginAs, logout, test } from '../fixtures';

test.describe('login page', () => {
  test('shows the demo notice in Chinese', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('demo-notice')).toBeVisible();
    await expect(page.getByTestId('demo-notice')).toContainText('演示模式');
    await expect(page.getByTestId('login-submit')).toBeEnabled();
  });

  test('a wrong password shows a Chinese error alert and no session', async ({ page, consoleGuard }) => {
    // The API answers a failed login with 401; Chromium logs every error-status fetch to the console.
    consoleGuard.allow({ text: /status of 401\b/, url: /\/api\/auth\/login$/ });
    await page.goto('/login');
    await page.getByTestId('login-username').fill('demo-worker-a');
    await page.getByTestId('login-password').fill('Wrong-password-2026!');
    await page.getByTestId('login-submit').click();

    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await expect(alert).toBeVisible();
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(page.getByTestId('user-menu')).toHaveCount(0);
  });
});

test('the shell in Chinese, switched to English, then logout', async ({ page }) => {
  // Logout answers with Clear-Site-Data (cache included), so the next page loads every asset again: slow under load.
  test.slow();
  await loginAs(page, 'demo-worker-a');

  // Chinese by default (the browser locale is zh-CN).
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('menu-home')).toHaveText('工作台');
  await expect(page.getByTestId('lang-switch')).toBeVisible();

  // Switch to English.
  await page.getByTestId('lang-switch').click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('menu-home')).toHaveText('Home');
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('logout')).toHaveText('Log out');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('logout')).toBeHidden();

  // Back to Chinese: the user menu now offers 退出登录.
  await page.getByTestId('lang-switch').click();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('logout')).toHaveText('退出登录');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('logout')).toBeHidden();

  await logout(page);
  await expect(page.getByTestId('demo-notice')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveCount(0);

  // The session is really gone: reloading a protected page lands on the login page again.
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByTestId('login-username')).toBeVisible();
});
