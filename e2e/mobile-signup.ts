// Resident sign-up on /m, shared by the specs that need a fresh resident account made through the real form.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** A phone number no earlier run used on this data directory (the prefix keeps specs apart). */
export function freshPhone(prefix: '137' | '139'): string {
  return `${prefix}${String(Date.now() % 1e8).padStart(8, '0')}`;
}

/** The code the demo server wrote for this phone to demo-sms.log in its data directory (demo mode only). */
export async function codeFromDemoLog(phone: string): Promise<string> {
  const dir = process.env.LINLI_E2E_DATA_DIR;
  if (!dir) throw new Error('LINLI_E2E_DATA_DIR is not set (see playwright.config.ts)');
  const file = path.join(dir, 'demo-sms.log');
  let code: string | undefined;
  await expect
    .poll(() => {
      const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
      code = lines
        .reverse()
        .map((l) => l.split(' '))
        .find(([p]) => p === phone)?.[1];
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code!;
}

/** Signs a new resident of 洗面桥 up through /m/signup (phone code from the demo log) and lands on /m. */
export async function signUpResident(
  page: Page,
  resident: { phone: string; name: string; password: string },
): Promise<void> {
  await page.goto('/m/signup');
  await page.getByTestId('m-phone').fill(resident.phone);
  await page.getByTestId('m-get-code').click();
  await page.getByTestId('m-code').fill(await codeFromDemoLog(resident.phone));
  await page.getByTestId('m-name').fill(resident.name);
  await page.getByTestId('m-password').fill(resident.password);
  const community = page.getByRole('combobox', { name: '所在社区' });
  await community.click();
  await community.fill('洗面桥');
  await page.locator('.ant-select-item-option').filter({ hasText: '洗面桥' }).first().click();
  await page.getByTestId('m-consent').check();
  await page.getByTestId('m-signup-submit').click();
  await expect(page).toHaveURL(/\/m$/);
}
