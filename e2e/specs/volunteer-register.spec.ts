import { DEMO_PASSWORD, expect, loginAs, test } from '../fixtures';
import { freshPhone, signUpResident } from '../mobile-signup';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** A valid 居民身份证号码 (GB 11643) with a birth date and sequence from the clock, so each run has its own. */
function freshIdNumber(): string {
  const n = Date.now();
  const first17 = `510107${1960 + (n % 40)}0${(n % 9) + 1}1${n % 9}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

test('a resident registers as a volunteer on a phone; staff confirm on the desktop; the tile opens up', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000); // sign-up, registration and a second browser on a shared 2-core machine
  const phone = freshPhone('137');
  await signUpResident(page, { phone, name: '欧阳志愿', password: 'Ouyang-vol-2026!' });

  // Not a volunteer yet: the tile offers registration.
  await page.getByTestId('m-volunteer-register').click();
  await expect(page).toHaveURL(/\/m\/volunteer\/register$/);
  await page.getByTestId('m-vol-name').fill('欧阳志愿');
  await page.getByTestId('m-vol-id-number').fill(freshIdNumber());
  await page.getByTestId('m-vol-skills').getByText('医疗护理').click();
  await page.getByTestId('m-vol-availability').getByText('周末').click();
  await page.getByTestId('m-vol-emergency-name').fill('欧阳家属');
  await page.getByTestId('m-vol-emergency-phone').fill('13911112222');
  // Without consent the form refuses.
  await page.getByTestId('m-vol-submit').click();
  await expect(page.getByText('请勾选同意后再提交')).toBeVisible();
  await page.getByTestId('m-vol-consent').check();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.getByTestId('m-vol-submit').click();
  await expect(page).toHaveURL(/\/m$/);
  await expect(page.getByTestId('m-volunteer-pending')).toBeVisible();
  const mine = (await (await page.request.get('/api/m/volunteer')).json()) as {
    record: { volunteer: { id: string; status: string } };
  };
  expect(mine.record.volunteer.status).toBe('pending');
  const volunteerId = mine.record.volunteer.id;

  // The community worker confirms on the desktop (a browser of their own).
  const desk = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1280, height: 800 },
  });
  const staff = await desk.newPage();
  await loginAs(staff, 'demo-worker-a', DEMO_PASSWORD);
  await staff.goto('/volunteers?status=pending');
  await staff.getByTestId(`volunteer-open-${volunteerId}`).click();
  await expect(staff.getByTestId('volunteer-name')).toHaveText('欧阳志愿');
  await expect(staff.getByTestId('volunteer-status-pending')).toBeVisible();
  await staff.getByTestId('volunteer-confirm').click();
  await staff.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await expect(staff.getByTestId('volunteer-status-active')).toBeVisible();
  await desk.close();

  // Back on the phone: the tile now leads to activities, hours, points, the supermarket, the record and the code.
  await page.reload();
  await expect(page.getByTestId('m-volunteer-active')).toBeVisible();
  await page.getByTestId('m-volunteer-code').click();
  await expect(page.getByTestId('m-vol-code-text')).toContainText(volunteerId);
  await expect(page.getByTestId('m-vol-code-qr')).toBeVisible();
  await page.goBack();
  await page.getByTestId('m-volunteer-record').click();
  await expect(page.getByTestId('m-volunteer-record-page')).toContainText('欧阳志愿');
});
