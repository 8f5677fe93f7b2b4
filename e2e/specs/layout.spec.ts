import type { Page } from '@playwright/test';
import { DEMO_COMMUNITY, expect, loginAs, test, uniqueName, type DemoUser } from '../fixtures';

/** Waits until the page's requests have answered and no spinner or skeleton is left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
}

/** The side menu's entries as this account sees them: test id and label. */
async function menuEntries(page: Page): Promise<{ testId: string; label: string }[]> {
  const menu = page.getByTestId('side-menu');
  await expect(menu).toBeVisible();
  return menu
    .locator('[data-testid^="menu-"]')
    .evaluateAll((els) => els.map((e) => ({ testId: e.getAttribute('data-testid')!, label: e.textContent!.trim() })));
}

/**
 * What on the page is cut off or pushes the page sideways: the page wider than the window, or an element reaching past
 * the right edge of the content area without a scrolling box (overflow auto/scroll) between them. Also every table
 * not drawn by the shared DataTable (its container is `.linli-table-scroll`).
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) {
      problems.push(`the page is ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
    }
    const main = document.querySelector('main');
    if (!main) return [...problems, 'no <main> content area'];
    const edge = main.getBoundingClientRect().right + 1;
    const scrollsBetween = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
        if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}.${Array.from(el.classList).slice(0, 2).join('.')}`;
    const cut = Array.from(main.querySelectorAll('*')).filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.right > edge && !scrollsBetween(el);
    });
    // Report the outermost offenders only.
    for (const el of cut.filter((el) => !cut.includes(el.parentElement!)).slice(0, 5)) {
      problems.push(`${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px, past ${edge - 1}px`);
    }
    for (const table of Array.from(main.querySelectorAll('.ant-table-wrapper'))) {
      if (!table.closest('.linli-table-scroll')) problems.push(`a table outside DataTable: ${describe(table)}`);
    }
    return problems;
  });
}

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  for (const user of ['demo-supervisor-a', 'demo-district', 'demo-admin', 'demo-auditor'] as DemoUser[]) {
    test(`${user}: every menu page fits, its lists are DataTables, and it names itself in the tab`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await loginAs(page, user);
      const problems: string[] = [];
      for (const { testId, label } of await menuEntries(page)) {
        await page.getByTestId('side-menu').getByTestId(testId).click();
        await settle(page);
        const path = new URL(page.url()).pathname;
        problems.push(...(await layoutProblems(page)).map((p) => `${path}: ${p}`));
        await expect(page, `${path}'s title`).toHaveTitle(`${label} - 邻里`);
      }
      expect(problems).toEqual([]);
    });
  }
});

test('menus a role could only read are hidden', async ({ page, consoleGuard }) => {
  // The test clears the session cookie behind the app's back to switch users quickly: a request of the home page
  // still on its way then answers 401 (seen once under CI load despite the wait below). A user logging out does not
  // meet it; the test is about the menus.
  consoleGuard.allow({ text: /status of 401\b/, url: /\/api\/care\/home$/ });
  const seen = async (user: DemoUser) => {
    await loginAs(page, user);
    const ids = (await menuEntries(page)).map((e) => e.testId);
    // Let the home page's own requests finish first: one cut off by the cleared session would log a 401.
    await page.waitForLoadState('networkidle');
    await page.context().clearCookies();
    await page.goto('/login');
    return ids;
  };
  // Workers read areas and staff (for pickers) but change neither.
  const worker = await seen('demo-worker-b');
  expect(worker).toEqual(expect.arrayContaining(['menu-home', 'menu-clients', 'menu-worklist', 'menu-profile']));
  expect(worker).not.toContain('menu-areas');
  expect(worker).not.toContain('menu-users');
  // Supervisors activate their area's new accounts, so the user list is theirs; areas are not.
  const supervisor = await seen('demo-supervisor-a');
  expect(supervisor).toContain('menu-users');
  expect(supervisor).not.toContain('menu-areas');
  // The system administrator manages both; the auditor neither.
  const admin = await seen('demo-admin');
  expect(admin).toEqual(expect.arrayContaining(['menu-areas', 'menu-users']));
  const auditor = await seen('demo-auditor');
  expect(auditor).toContain('menu-audit');
  expect(auditor).not.toContain('menu-areas');
  expect(auditor).not.toContain('menu-users');
});

test('page titles follow the page and the UI language, and never carry a name', async ({ page, seed }) => {
  const client = await seed.client({ tier: 'blue' });
  await page.goto('/login');
  await expect(page).toHaveTitle('登录 - 邻里');
  await loginAs(page, 'demo-worker-a');
  await expect(page).toHaveTitle('工作台 - 邻里');
  await page.goto(`/care/clients/${client.id}`);
  await expect(page.getByTestId('client-name')).toHaveText(client.name);
  await expect(page).toHaveTitle('服务对象详情 - 邻里');
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveTitle('Client - Linli');
  await page.getByTestId('side-menu').getByTestId('menu-clients').click();
  await expect(page).toHaveTitle('Clients - Linli');
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveTitle('服务对象 - 邻里');
});

test('pages with personal data carry a faint watermark of who looks and when, refreshed each minute', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-06-01T09:30:05+08:00') });
  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('side-menu').getByTestId('menu-clients').click();
  const rows = page.getByTestId('clients-table').locator('tbody tr[data-row-key]');
  await expect(rows.first()).toBeVisible();

  const mark = page.getByTestId('page-watermark');
  await expect(mark).toHaveAttribute('data-watermark', /demo-worker-a 2026-06-01 09:30$/);
  // Ant's layer: a background image drawn over the content, which lets every click through.
  const layer = await mark.evaluate((el) => {
    const over = Array.from(el.querySelectorAll<HTMLElement>('div')).find((d) =>
      d.style.backgroundImage.includes('url('),
    );
    return over
      ? { pointer: getComputedStyle(over).pointerEvents, image: over.style.backgroundImage.slice(0, 15) }
      : null;
  });
  expect(layer).toEqual({ pointer: 'none', image: 'url("data:image' });

  await page.clock.fastForward('01:00');
  await expect(mark).toHaveAttribute('data-watermark', /demo-worker-a 2026-06-01 09:31$/);

  // Clicks reach the page under it.
  const key = await rows.first().getAttribute('data-row-key');
  await page.getByTestId(`client-open-${key}`).click();
  await expect(page.getByTestId('client-name')).toBeVisible();
  await expect(mark).toHaveAttribute('data-watermark', /demo-worker-a/);
});

test('a revealed phone number is a tap-to-call link', async ({ page, seed }) => {
  const worker = await seed.as('demo-worker-a');
  const name = uniqueName('电话');
  const created = await worker.postOk<{ id: string }>('/api/care/clients', {
    name,
    birthDate: '1950-03-03',
    phone: '13912345678',
    communityCode: DEMO_COMMUNITY.a,
    categories: ['elderly_alone'],
    confirmDuplicates: true,
  });
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${created.id}`);
  await expect(page.getByTestId('client-name')).toHaveText(name);
  await expect(page.getByTestId('masked-phone')).not.toContainText('13912345678');
  await page.getByTestId('reveal-phone').click();
  await page.getByTestId('reveal-reason').fill('电话回访确认');
  await page.getByTestId('reveal-submit').click();
  const tel = page.getByTestId('reveal-tel');
  await expect(tel).toHaveText('13912345678');
  await expect(tel).toHaveAttribute('href', 'tel:13912345678');
});

test.describe('on a phone (375 px)', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test('the client list shows each client as a card with tier and overdue, without sideways scroll', async ({
    page,
    seed,
  }) => {
    const client = await seed.client({ tier: 'yellow', name: uniqueName('手机') });
    await loginAs(page, 'demo-worker-a');
    await page.goto('/care/clients');
    await page.getByTestId('clients-search').locator('input').fill(client.name);
    await page.getByTestId('clients-search').locator('input').press('Enter');
    const card = page.getByTestId('clients-table').locator(`[data-row-key="${client.id}"]`);
    await expect(card).toBeVisible();
    await expect(card.locator('[data-tier="yellow"]')).toBeVisible();
    await expect(card.locator('dt', { hasText: '逾期' })).toBeVisible();
    await settle(page);

    // Every card of the first page: tier and overdue on it, inside the window.
    const cards = page.getByTestId('clients-table').locator('[data-row-key]');
    await page.getByTestId('clients-search').locator('input').fill('');
    await page.getByTestId('clients-search').locator('input').press('Enter');
    await expect(cards.nth(1)).toBeVisible();
    await settle(page);
    const checks = await cards.evaluateAll((els) =>
      els.map((el) => ({
        inside: el.getBoundingClientRect().right <= window.innerWidth + 1 && el.getBoundingClientRect().left >= -1,
        tier: !!el.querySelector('.ant-tag'),
        overdue: Array.from(el.querySelectorAll('dt')).some((dt) => dt.textContent === '逾期'),
      })),
    );
    expect(checks.length).toBeGreaterThan(1);
    expect(checks.filter((c) => !c.inside || !c.tier || !c.overdue)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
  });
});
