import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';

/** Password of every demo account; must match LINLI_DEMO_PASSWORD in playwright.config.ts. */
export const DEMO_PASSWORD = 'Linli-demo-2026!';

export type DemoUser =
  | 'demo-admin'
  | 'demo-security'
  | 'demo-auditor'
  | 'demo-district'
  | 'demo-street'
  | 'demo-supervisor-a'
  | 'demo-worker-a'
  | 'demo-worker-b'
  | 'demo-social';

/** An expected console error: the message text and, optionally, the URL it concerns. */
export interface AllowedConsoleError {
  text: RegExp;
  url?: RegExp;
}

export interface ConsoleGuard {
  /** Errors seen so far (console.error, failed resource loads, uncaught exceptions). */
  readonly errors: string[];
  /** Allows one more kind of console error for the rest of this test only (e.g. an expected 401). */
  allow(expected: AllowedConsoleError): void;
}

/**
 * Allowed in every test: nothing. Keep it that way. (The session probe, GET /api/auth/current, answers 200
 * when logged out, so a logged-out page makes no failed request; a test that provokes an error answer, such
 * as a wrong password, allows exactly that one with `consoleGuard.allow()`.)
 */
const ALWAYS_ALLOWED: AllowedConsoleError[] = [];

function describe(msg: ConsoleMessage): string {
  const { url, lineNumber } = msg.location();
  return url ? `${msg.text()} (at ${url}${lineNumber ? `:${lineNumber}` : ''})` : msg.text();
}

function isAllowed(allowed: AllowedConsoleError[], text: string, url: string): boolean {
  return allowed.some((a) => a.text.test(text) && (!a.url || a.url.test(url)));
}

/** Logs in through the login form and waits for the signed-in shell. */
export async function loginAs(page: Page, username: DemoUser | string, password: string = DEMO_PASSWORD): Promise<void> {
  if (!/\/login(\?|$)/.test(page.url())) await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // Demo accounts are shared by the specs: an earlier test's session may still be live, and the login page then lists
  // it before going on (F13). Keep it: the specs run in parallel.
  const keep = page.getByTestId('login-keep-other-sessions');
  await expect(page.getByTestId('user-menu').or(keep)).toBeVisible();
  if (await keep.isVisible()) await keep.click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** Logs out through the user menu and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByTestId('login-username')).toBeVisible();
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ page }, use, testInfo) => {
      const allowed = [...ALWAYS_ALLOWED];
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        if (isAllowed(allowed, msg.text(), msg.location().url)) return;
        errors.push(`console.error: ${describe(msg)}`);
      });
      page.on('pageerror', (error) => {
        errors.push(`pageerror: ${error.stack ?? error.message}`);
      });
      await use({ errors, allow: (expected) => allowed.push(expected) });
      if (errors.length > 0) {
        await testInfo.attach('console-errors', { body: errors.join('\n\n'), contentType: 'text/plain' });
      }
      expect(errors, 'the page logged errors to the console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
