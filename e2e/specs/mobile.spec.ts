import { expect, loginAs, test } from '../fixtures';

test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

async function expectNoHorizontalOverflow(page: import('@playwright/test').Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px viewport`).toBeLessThanOrEqual(
    innerWidth + 1,
  );
}

test('phone layout: login page fits the screen', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByTestId('login-username')).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

test('phone layout: menu drawer and profile page', async ({ page }) => {
  await loginAs(page, 'demo-worker-a');
  await expectNoHorizontalOverflow(page);

  // The side menu is collapsed: only the toggle is shown.
  const toggle = page.getByTestId('menu-toggle');
  await expect(toggle).toBeVisible();
  await expect(page.getByTestId('menu-profile')).toBeHidden();

  await toggle.click();
  const profileItem = page.getByTestId('menu-profile');
  await expect(profileItem).toBeVisible();
  await profileItem.click();

  await expect(page).toHaveURL(/\/profile(\?|$|\/)/);
  await expect(page.getByRole('heading', { name: '个人中心' })).toBeVisible();
  // Choosing an entry closes the drawer again.
  await expect(page.getByTestId('menu-profile')).toBeHidden();
  await expectNoHorizontalOverflow(page);
});
