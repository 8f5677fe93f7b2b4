import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { DEMO_COMMUNITY, DEMO_PASSWORD, DEMO_RESIDENTS, expect, loginAs, test } from '../fixtures';

/** The demo district (武侯区) holding both demo communities: its catalogue is the one residents of 洗面桥 file in. */
const DEMO_DISTRICT = `${DEMO_COMMUNITY.a.slice(0, 6)}000000`;

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

/** A small JPEG drawn by the browser itself (a canvas), so the spec needs no binary fixture. */
async function smallJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3a7bd5';
    g.fillRect(0, 0, 64, 48);
    g.fillStyle = '#ffffff';
    g.fillRect(8, 8, 24, 16);
    return canvas.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** Serious or critical WCAG 2.x A/AA violations on the page as it is now. */
async function violations(page: Page, where: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

/** A desktop page of its own (the staff work on a computer) for a demo staff account. */
async function staffPage(browser: Browser, baseURL: string | undefined, user: 'demo-worker-a'): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  await loginAs(page, user);
  return page;
}

test('a resident files a request with a photo on a phone; staff triage and route it; the unit signs and replies; the resident rates it', async ({
  page,
  browser,
  baseURL,
  seed,
}) => {
  test.setTimeout(180_000); // three people and a photo upload on a shared 2-core machine

  // The test's own category in the demo district's catalogue, with one typed question (no routing rule: the
  // request goes to the community itself).
  const stamp = `${Date.now() % 1e8}`;
  const district = await seed.as('demo-district');
  const categoryName = `路灯不亮${stamp}`;
  await district.postOk('/api/requests/catalogue/categories', {
    areaCode: DEMO_DISTRICT,
    code: `E2E-${stamp}`,
    group: '公共设施',
    name: categoryName,
    description: '小区内路灯、楼道灯不亮',
    questions: [
      {
        code: 'lamp_kind',
        label: '哪种灯',
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'street', name: '路灯' },
          { key: 'stair', name: '楼道灯' },
        ],
      },
    ],
    defaultUrgency: 'normal',
    signWorkingDays: 1,
    resolveWorkingDays: 3,
  });
  const categories = await district.getOk<{ items: { id: string; code: string }[] }>(
    `/api/requests/catalogue/categories?areaCode=${DEMO_DISTRICT}`,
  );
  const category = categories.items.find((c) => c.code === `E2E-${stamp}`);
  expect(category, 'the test category').toBeTruthy();

  // 1. The resident, on a 375 px phone: 我要反映 → category → question → words → a photo → the community.
  await page.goto('/m/login');
  await page.getByTestId('m-login-phone').fill(DEMO_RESIDENTS.plain.phone);
  await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await expect(page.getByTestId('m-home-title')).toContainText(DEMO_RESIDENTS.plain.name);
  await page.getByTestId('m-requests-file').click();
  await page.getByTestId(`m-category-E2E-${stamp}`).click();
  await expect(page.getByTestId('m-request-category')).toHaveText(categoryName);
  await page.getByTestId('q-lamp_kind').getByText('楼道灯').click();
  const words = `3号楼2单元楼道灯坏了一周，晚上看不见台阶。${stamp}`;
  await page.getByTestId('m-request-words').fill(words);
  await page
    .getByTestId('m-photo-input')
    .setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) });
  await expect(page.getByTestId('m-photo-item')).toHaveAttribute('data-state', 'done');
  // A second photo, removed again: the form sends only what is shown.
  await page
    .getByTestId('m-photo-input')
    .setInputFiles({ name: 'lamp2.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) });
  await expect(page.getByTestId('m-photo-item')).toHaveCount(2);
  await page.getByTestId('m-photo-remove-1').click();
  await expect(page.getByTestId('m-photo-item')).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByTestId('m-request-submit').click();
  await expect(page.getByTestId('m-request-filed')).toBeVisible();
  await page.getByTestId('m-request-filed-open').click();
  const detail = page.getByTestId('m-request-detail');
  await expect(detail).toBeVisible({ timeout: 30_000 });
  const requestId = (await detail.getAttribute('data-request-id'))!;
  await expect(page.getByTestId('m-request-status')).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('m-request-photos-0')).toBeVisible();

  // 2. The community worker triages it (紧急, public text) and routes it by the rules: to the community itself.
  const staff = await staffPage(browser, baseURL, 'demo-worker-a');
  await staff.getByTestId('side-menu').getByTestId('menu-requests-triage').click();
  await staff.getByTestId(`request-open-${requestId}`).click();
  // The first staff page of the run loads the detail page's code: allow for a slow shared machine.
  await expect(staff.getByTestId('request-description')).toHaveText(words, { timeout: 30_000 });
  await expect(staff.getByTestId('request-photos-0')).toBeVisible();
  await staff.getByTestId('triage-urgency').getByText('紧急').click();
  await staff.getByTestId('triage-public-text').fill('小区楼道灯不亮，已派社区处理。');
  await staff.getByTestId('triage-route').click();
  await expect(staff.getByTestId('request-status')).toHaveAttribute('data-status', 'assigned');
  await expect(staff.getByTestId('request-unit')).toContainText('洗面桥');

  // 3. The unit (the community) signs for it from its queue, then replies.
  await staff.getByTestId('side-menu').getByTestId('menu-requests-queue').click();
  await staff.getByTestId(`request-open-${requestId}`).click();
  await staff.getByTestId('request-sign').click();
  await staff.getByTestId('request-sign-confirm').click();
  await expect(staff.getByTestId('request-status')).toHaveAttribute('data-status', 'in_progress');
  await staff.getByTestId('request-resolve').click();
  const reply = '已更换3号楼2单元楼道灯，感谢反映。';
  await staff.getByTestId('request-resolve-text').fill(reply);
  await staff.getByTestId('request-resolve-submit').click();
  await expect(staff.getByTestId('request-status')).toHaveAttribute('data-status', 'resolved');
  await expect(staff.getByTestId('request-history-resolved')).toBeVisible();
  await staff.context().close();

  // 4. The resident reads the reply and rates it 满意 within the 7 days.
  await page.reload();
  await expect(page.getByTestId('m-request-status')).toHaveAttribute('data-status', 'resolved');
  await expect(page.getByTestId('m-request-reply')).toHaveText(reply);
  await page.getByTestId('m-rate-satisfied').click();
  await page.getByTestId('m-rate-comment').fill('修得很快');
  await page.getByTestId('m-rate-submit').click();
  await expect(page.getByTestId('m-request-rating-value')).toHaveAttribute('data-rating', 'satisfied');
  await expect(page.getByTestId('m-request-status')).toHaveAttribute('data-status', 'closed');

  // 我的诉求 lists it with its rating.
  await page.getByTestId('m-nav-home').click();
  await page.getByTestId('m-requests-mine').click();
  await expect(page.getByTestId(`m-request-${requestId}`)).toContainText(categoryName);
});

test('in 适老化 mode the /m request pages have big text, 48 px targets, no sideways scroll and pass the WCAG A/AA rules', async ({
  page,
}) => {
  test.setTimeout(150_000); // several axe runs on a shared 2-core machine
  await page.goto('/m/login');
  await page.getByTestId('m-login-phone').fill(DEMO_RESIDENTS.linked.phone);
  await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await expect(page.getByTestId('m-home-title')).toContainText(DEMO_RESIDENTS.linked.name);
  if ((await page.getByTestId('m-root').getAttribute('data-elder')) === 'off')
    await page.getByTestId('m-elder-switch').click();
  await expect(page.getByTestId('m-root')).toHaveAttribute('data-elder', 'on');
  try {
    const problems: string[] = [];
    const tile = page.getByTestId('m-requests-file');
    expect((await tile.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await tile.click();
    const first = page.getByTestId('m-request-categories').getByRole('button').first();
    await expect(first).toBeVisible();
    expect((await first.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    problems.push(...(await violations(page, '/m/requests/new (categories)')));
    await first.click();
    await expect(page.getByTestId('m-request-form')).toBeVisible();
    const fontSize = await page
      .getByTestId('m-request-words')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(18);
    for (const id of ['m-photo-add', 'm-request-submit']) {
      expect((await page.getByTestId(id).boundingBox())!.height, id).toBeGreaterThanOrEqual(48);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    problems.push(...(await violations(page, '/m/requests/new (form)')));
    await page.goto('/m/requests');
    await expect(page.getByTestId('m-requests-list')).toBeAttached();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    problems.push(...(await violations(page, '/m/requests')));
    expect(problems).toEqual([]);
  } finally {
    // The choice is kept on the account: put it back for the specs that sign in as this resident.
    await page.goto('/m');
    if ((await page.getByTestId('m-root').getAttribute('data-elder')) === 'on')
      await page.getByTestId('m-elder-switch').click();
    await expect(page.getByTestId('m-root')).toHaveAttribute('data-elder', 'off');
  }
});
