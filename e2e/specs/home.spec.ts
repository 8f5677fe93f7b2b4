import type { Page } from '@playwright/test';
import { expect, loginAs, test } from '../fixtures';

/** The 工作台's figures as the API gives them (GET /api/care/home), to check the page against. */
interface CareHome {
  today: string;
  mine: {
    overdue: number;
    dueToday: number;
    thisWeek: number;
    next: { id: string; clientId: string }[];
    reassessments: { count: number };
    tasks: { count: number };
    referrals: { count: number };
  } | null;
  approvals: {
    tierChanges: number | null;
    casePlans: number | null;
    caseClosures: number | null;
    exports: number | null;
  } | null;
  area: {
    clients: number;
    clientsByTier: Record<'red' | 'yellow' | 'blue' | 'none', number>;
    overdue: { total: number };
  } | null;
}
type Bucket = 'overdue' | 'dueToday' | 'thisWeek';
interface Worklist {
  today: string;
  overdue: { id: string }[];
  dueToday: { id: string }[];
  thisWeek: { id: string }[];
  totals: Record<Bucket, number>;
}

const figure = (page: Page, testId: string) => page.getByTestId(`${testId}-value`);

/** The page is no wider than the phone's screen (nothing scrolls sideways). */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(widths.client);
}

test("a worker's 工作台 shows the worklist's counts for the demo data, and each count opens its list", async ({
  page,
  seed,
}) => {
  const api = await seed.as('demo-worker-a');
  const list = await api.getOk<Worklist>('/api/care/worklist');
  const home = await api.getOk<CareHome>('/api/care/home');
  const mine = home.mine!;
  // The demo data gives demo-worker-a visits in every list (care-demo.ts); the home counts them as the worklist does.
  expect(list.overdue.length).toBeGreaterThan(0);
  expect([mine.overdue, mine.dueToday, mine.thisWeek]).toEqual([
    list.totals.overdue,
    list.totals.dueToday,
    list.totals.thisWeek,
  ]);
  // The demo caseload fits the first page of each list (50).
  expect([list.overdue.length, list.dueToday.length, list.thisWeek.length]).toEqual([
    list.totals.overdue,
    list.totals.dueToday,
    list.totals.thisWeek,
  ]);
  expect(home.approvals).toBeNull();

  await loginAs(page, 'demo-worker-a');
  await expect(page.getByTestId('home-mine')).toBeVisible();
  await expect(figure(page, 'home-count-overdue')).toHaveText(String(list.overdue.length));
  await expect(figure(page, 'home-count-today')).toHaveText(String(list.dueToday.length));
  await expect(figure(page, 'home-count-week')).toHaveText(String(list.thisWeek.length));
  await expect(figure(page, 'home-count-reassessments')).toHaveText(String(mine.reassessments.count));
  await expect(figure(page, 'home-count-tasks')).toHaveText(String(mine.tasks.count));
  await expect(figure(page, 'home-count-referrals')).toHaveText(String(mine.referrals.count));
  await expect(page.getByTestId(`home-next-${mine.next[0]!.id}`)).toBeVisible();
  await expect(page.getByText('即将推出')).toHaveCount(0);

  // A tap on the overdue count opens the worklist with the overdue visits alone.
  await page.getByTestId('home-count-overdue').click();
  await expect(page).toHaveURL(/\/care\/worklist\?bucket=overdue$/);
  const overdue = page.getByTestId('worklist-overdue');
  await expect(overdue.getByTestId(/^visit-card-/)).toHaveCount(list.overdue.length);
  await expect(page.getByTestId('worklist-today')).toHaveCount(0);
  await page.getByTestId('worklist-show-all').click();
  await expect(page).toHaveURL(/\/care\/worklist$/);
  await expect(page.getByTestId('worklist-today').getByTestId(/^visit-card-/)).toHaveCount(list.dueToday.length);

  await page.goto('/');
  await page.getByTestId('home-count-week').click();
  await expect(page).toHaveURL(/\/care\/worklist\?bucket=thisWeek$/);
  await expect(page.getByTestId('worklist-week').getByTestId(/^visit-card-/)).toHaveCount(list.thisWeek.length);
});

const SECTION: Record<Bucket, string> = {
  overdue: 'worklist-overdue',
  dueToday: 'worklist-today',
  thisWeek: 'worklist-week',
};

test('a long list on the worklist is paged: the first page of each, then 还有 N 条 opens it alone with a pager', async ({
  page,
  seed,
}) => {
  const api = await seed.as('demo-worker-a');
  // Pages of two, so the demo caseload is "long": the same paging a caseload of hundreds gets at 50 a page.
  const first = await api.getOk<Worklist>('/api/care/worklist?pageSize=2');
  const bucket = (['thisWeek', 'overdue', 'dueToday'] as const).find((b) => first.totals[b] > 2);
  expect(bucket, 'the demo worker has a list longer than two').toBeDefined();
  const total = first.totals[bucket!];
  const second = await api.getOk<Worklist>(`/api/care/worklist?pageSize=2&bucket=${bucket}&page=2`);

  await loginAs(page, 'demo-worker-a');
  await page.goto('/care/worklist?pageSize=2');
  const section = page.getByTestId(SECTION[bucket!]);
  await expect(section.getByTestId(`${SECTION[bucket!]}-total`)).toHaveText(String(total));
  await expect(section.getByTestId(/^visit-card-/)).toHaveCount(2);
  const more = section.getByTestId(`${SECTION[bucket!]}-more`);
  await expect(more).toContainText(String(total - 2));
  await more.click();
  await expect(page).toHaveURL(new RegExp(`bucket=${bucket}`));
  const pager = page.getByTestId('worklist-pagination');
  await expect(pager).toContainText(String(total));
  await pager.getByTitle('2', { exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  for (const visit of second[bucket!]) await expect(page.getByTestId(`visit-card-${visit.id}`)).toBeVisible();
  await expect(page.getByTestId(/^visit-card-/)).toHaveCount(second[bucket!].length);
});

test('the 工作台 fits a phone and speaks English', async ({ page, seed }) => {
  const home = await (await seed.as('demo-worker-a')).getOk<CareHome>('/api/care/home');
  await page.setViewportSize({ width: 375, height: 800 });
  await loginAs(page, 'demo-worker-a');
  await expect(figure(page, 'home-count-overdue')).toHaveText(String(home.mine!.overdue));
  await expect(page.getByTestId('home-count-overdue')).toContainText('逾期走访');
  await expectNoSidewaysScroll(page);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('home-count-overdue')).toContainText('Overdue visits');
  await expect(page.getByTestId('home-mine')).toContainText('My day');
  await expectNoSidewaysScroll(page);
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('home-count-overdue')).toContainText('逾期走访');
});

test('a supervisor sees the approvals waiting on them, and a tap opens the queue', async ({ page, seed }) => {
  const pending = await seed.pendingDowngrade();
  const home = await (await seed.as('demo-supervisor-a')).getOk<CareHome>('/api/care/home');
  expect(home.approvals!.tierChanges).toBeGreaterThan(0); // this test's downgrade at least; the demo data adds more
  await loginAs(page, 'demo-supervisor-a');
  await expect(page.getByTestId('home-approvals')).toBeVisible();
  await expect(figure(page, 'home-approvals-tierChanges')).toHaveText(String(home.approvals!.tierChanges));
  await expect(figure(page, 'home-approvals-casePlans')).toHaveText(String(home.approvals!.casePlans));
  await expect(figure(page, 'home-approvals-exports')).toHaveText(String(home.approvals!.exports));
  await expect(figure(page, 'home-area-overdue')).toHaveText(String(home.area!.overdue.total));
  await page.getByTestId('home-approvals-tierChanges').click();
  await expect(page).toHaveURL(/\/care\/approvals/);
  await expect(page.getByTestId(`approve-${pending.changeId}`)).toBeVisible();
});

test("an officer sees the area's headline figures, and a tier opens the client list at that tier", async ({
  page,
  seed,
}) => {
  const home = await (await seed.as('demo-street')).getOk<CareHome>('/api/care/home');
  expect(home.mine).toBeNull();
  const area = home.area!;
  await loginAs(page, 'demo-street');
  await expect(page.getByTestId('home-mine')).toHaveCount(0);
  await expect(figure(page, 'home-area-clients')).toHaveText(String(area.clients));
  await expect(figure(page, 'home-area-tier-red')).toHaveText(String(area.clientsByTier.red));
  await expect(figure(page, 'home-area-overdue')).toHaveText(String(area.overdue.total));
  await page.getByTestId('home-area-tier-red').click();
  await expect(page).toHaveURL(/\/care\/clients\?tier=red/);
});
