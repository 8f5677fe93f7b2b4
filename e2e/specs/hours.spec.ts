import { DEMO_PASSWORD, DEMO_RESIDENTS, expect, test } from '../fixtures';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a volunteer sees hours and stars on /m, gets a certificate PDF, and its verification page confirms it', async ({
  page,
  consoleGuard,
}) => {
  // 王秀兰 / 王阿姨 (r_demo_1): over 100 h of demo service, so one star.
  await page.goto('/m/login');
  await page.getByTestId('m-login-phone').fill(DEMO_RESIDENTS.linked.phone);
  await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  // The home page, not any /m/ address: /m/login itself matched the old /\/m(\/|$)/ at once, and /m/hours was then
  // opened before the session existed (a flaky redirect back to the login page).
  await expect(page).toHaveURL(/\/m\/?$/);
  await page.goto('/m/hours');
  await expect(page.getByTestId('m-hours-total')).toBeVisible();
  await expect(page.getByTestId('m-hours-stars')).not.toHaveAttribute('data-level', '0');
  await expect(page.getByTestId('m-hours-history')).toBeVisible();

  await page.getByTestId('m-hours-issue').click();
  await page.getByTestId('m-hours-issue-confirm').click();
  const code = (await page.getByTestId('m-hours-cert-code').first().textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{12}$/);
  const href = await page.getByTestId('m-hours-cert-pdf').first().getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // Anyone can check it, signed in or not.
  await page.context().clearCookies();
  await page.goto(`/verify/${code}`);
  await expect(page.getByTestId('verify-valid')).toBeVisible();
  await expect(page.getByTestId('verify-hours')).not.toHaveText('0.00');
  consoleGuard.allow({ text: /status of 404\b/, url: /\/api\/public\/certificates\/NOSUCHCODE22$/ });
  await page.goto('/verify/NOSUCHCODE22');
  await expect(page.getByTestId('verify-not-found')).toBeVisible();
});
