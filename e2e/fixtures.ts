import {
  test as base,
  expect,
  type APIRequestContext,
  type APIResponse,
  type ConsoleMessage,
  type Page,
} from '@playwright/test';

/** Password of every demo account; must match LINLI_DEMO_PASSWORD in playwright.config.ts. */
export const DEMO_PASSWORD = 'Linli-demo-2026!';

/** The demo communities (apps/server/src/db/seed/demo.ts): 洗面桥 (A, demo-worker-a's) and 蜀汉街 (B, demo-worker-b's). */
export const DEMO_COMMUNITY = { a: '510107001004', b: '510107001005' } as const;

/** The demo residents (apps/server/src/modules/residents/residents-demo.ts): sign in on /m with phone + DEMO_PASSWORD. */
export const DEMO_RESIDENTS = {
  /** 王阿姨, 洗面桥 (A), linked to a client of demo-worker-a's. */
  linked: { phone: '13800000001', name: '王阿姨' },
  /** 李大爷, 洗面桥 (A), not linked. */
  plain: { phone: '13800000002', name: '李大爷' },
} as const;

export type DemoUser =
  | 'demo-admin'
  | 'demo-security'
  | 'demo-auditor'
  | 'demo-district'
  | 'demo-street'
  | 'demo-supervisor-a'
  | 'demo-worker-a'
  | 'demo-worker-b'
  | 'demo-social'
  /** A member of one of 洗面桥's partner organisations (partners module): the referral inbox only. */
  | 'demo-partner';

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
export async function loginAs(
  page: Page,
  username: DemoUser | string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
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

/** A calendar day `days` after a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

let nameCounter = 0;
/**
 * A client name no other test (nor an earlier run against the same server) uses: `prefix` and a stamp written in
 * Chinese numerals, so that it is a valid name and a name search finds exactly the rows a test made.
 */
export function uniqueName(prefix: string): string {
  nameCounter += 1;
  const stamp = `${Date.now() % 1e8}${nameCounter}`;
  return prefix + [...stamp].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
}

/** A demo account's own API session: sends its CSRF token on unsafe calls; `*Ok` calls fail the test on a non-2xx. */
export interface DemoApi {
  get(path: string): Promise<APIResponse>;
  post(path: string, data?: unknown): Promise<APIResponse>;
  getOk<T>(path: string): Promise<T>;
  postOk<T>(path: string, data?: unknown): Promise<T>;
}

export interface SeededClient {
  id: string;
  name: string;
}

/**
 * Rows a test makes for itself through the API (as the demo account the journey belongs to), so that it acts on
 * exactly those rows, by id, and never on whatever the demo data or an earlier test left first in a list.
 */
export interface Seed {
  /** An API session of a demo account (logged out again after the test). */
  as(username: DemoUser): Promise<DemoApi>;
  /** A client of demo-worker-a's community (or of `communityCode`, created `as` another account), assessed at `tier`. */
  client(options?: {
    as?: DemoUser;
    communityCode?: string;
    name?: string;
    tier?: 'red' | 'yellow' | 'blue';
  }): Promise<SeededClient>;
  /** A red client of demo-worker-a whose downgrade to yellow waits in demo-supervisor-a's approval queue. */
  pendingDowngrade(): Promise<SeededClient & { changeId: string }>;
  /** A red client of demo-worker-a with a planned visit due today (China calendar), on demo-worker-a's worklist. */
  visitDueToday(): Promise<SeededClient & { visitId: string; today: string }>;
  /** A new client of demo-worker-a's with a consent for referral, referred to demo-partner's organisation. */
  partnerReferral(): Promise<SeededClient & { referralId: string }>;
}

interface Visit {
  id: string;
  clientId: string;
  dueDate: string;
}
interface Worklist {
  today: string;
  overdue: Visit[];
  dueToday: Visit[];
  thisWeek: Visit[];
}

async function apiSession(
  request: APIRequestContext,
  username: string,
): Promise<{ api: DemoApi; logout(): Promise<void> }> {
  const login = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  const body = (await login.json()) as { status: string; session?: { csrfToken: string } };
  expect(body.status, `${username} API login`).toBe('ok');
  const headers = { 'x-csrf-token': body.session!.csrfToken };
  const ok = async <T>(what: string, res: APIResponse): Promise<T> => {
    expect(res.ok(), `${what} as ${username}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  const api: DemoApi = {
    get: (path) => request.get(path),
    post: (path, data) => request.post(path, { data: data ?? {}, headers }),
    getOk: async (path) => ok(`GET ${path}`, await request.get(path)),
    postOk: async (path, data) => ok(`POST ${path}`, await request.post(path, { data: data ?? {}, headers })),
  };
  return { api, logout: async () => void (await request.post('/api/auth/logout', { data: {}, headers })) };
}

const ASSESSMENTS = {
  red: { scores: { health: { score: 3 } }, tier: 'red' },
  yellow: { scores: { health: { score: 2 }, income: { score: 2 } }, tier: 'yellow' },
  blue: { scores: { health: { score: 1 } }, tier: 'blue' },
} as const;

/** Logs out through the user menu and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  // A click that lands on the menu item while the dropdown's opening motion settles is sometimes swallowed by
  // antd (seen under CI load: the item was visible and stable, yet no request left). A user would click again;
  // so does this helper, keyed on the logout request actually leaving the page.
  await expect(async () => {
    if (!(await page.getByTestId('logout').isVisible())) await page.getByTestId('user-menu').click({ timeout: 3000 });
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/auth/logout') && r.method() === 'POST', {
      timeout: 3000,
    });
    await page.getByTestId('logout').click({ timeout: 3000 });
    await sent;
  }).toPass({ timeout: 20_000 });
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByTestId('login-username')).toBeVisible();
}

export const test = base.extend<{ consoleGuard: ConsoleGuard; seed: Seed }>({
  seed: async ({ playwright, baseURL }, use) => {
    const sessions = new Map<string, { context: APIRequestContext; api: DemoApi; logout(): Promise<void> }>();
    const as = async (username: DemoUser): Promise<DemoApi> => {
      let session = sessions.get(username);
      if (!session) {
        const context = await playwright.request.newContext({ baseURL });
        session = { context, ...(await apiSession(context, username)) };
        sessions.set(username, session);
      }
      return session.api;
    };
    const client: Seed['client'] = async (options = {}) => {
      const api = await as(options.as ?? 'demo-worker-a');
      const name = options.name ?? uniqueName('测试');
      const created = await api.postOk<{ id: string }>('/api/care/clients', {
        name,
        birthDate: '1946-05-05',
        communityCode: options.communityCode ?? DEMO_COMMUNITY.a,
        categories: ['elderly_alone'],
        confirmDuplicates: true,
      });
      if (options.tier) await api.postOk(`/api/care/clients/${created.id}/assessments`, ASSESSMENTS[options.tier]);
      return { id: created.id, name };
    };
    await use({
      as,
      client,
      async pendingDowngrade() {
        const seeded = await client({ name: uniqueName('降级'), tier: 'red' });
        const result = await (
          await as('demo-worker-a')
        ).postOk<{ tierChange: string }>(`/api/care/clients/${seeded.id}/assessments`, {
          ...ASSESSMENTS.yellow,
          overrideReason: '子女已回家照料', // a downgrade needs a reason
        });
        expect(result.tierChange).toBe('pending_approval');
        const queue = await (
          await as('demo-supervisor-a')
        ).getOk<{ items: { id: string; clientId: string }[] }>('/api/care/tier-approvals');
        const change = queue.items.filter((c) => c.clientId === seeded.id);
        expect(change, "the downgrade in the supervisor's queue").toHaveLength(1);
        return { ...seeded, changeId: change[0]!.id };
      },
      async visitDueToday() {
        // A red client's first visit falls due a week on; recorded as made a week ago, the next one is due today.
        const seeded = await client({ name: uniqueName('走访'), tier: 'red' });
        const worker = await as('demo-worker-a');
        const list = await worker.getOk<Worklist>('/api/care/worklist');
        // The first visit falls due a week on, which may be past this week's worklist: read it from the client page.
        const { nextVisit: first } = await worker.getOk<{ nextVisit: Visit | null }>(`/api/care/clients/${seeded.id}`);
        expect(first, 'the first planned visit').not.toBeNull();
        const recorded = await worker.postOk<{ nextVisit: Visit | null }>(`/api/care/visits/${first!.id}/record`, {
          outcome: 'done',
          mode: 'home',
          visitedOn: addDays(list.today, -7),
        });
        expect(recorded.nextVisit?.dueDate).toBe(list.today);
        return { ...seeded, visitId: recorded.nextVisit!.id, today: list.today };
      },
      async partnerReferral() {
        const organisation = await (await as('demo-partner')).getOk<{ id: string }>('/api/partner/organisation');
        const seeded = await client({ name: uniqueName('转介') });
        const worker = await as('demo-worker-a');
        const consent = { purpose: 'referral', basis: 'consent', grantedBy: 'self', noticeVersion: 'v1' };
        await worker.postOk(`/api/care/clients/${seeded.id}/consents`, consent);
        const referral = await worker.postOk<{ id: string }>(`/api/care/clients/${seeded.id}/referrals`, {
          organisationId: organisation.id,
          service: '上门心理疏导',
        });
        return { ...seeded, referralId: referral.id };
      },
    });
    for (const session of sessions.values()) {
      await session.logout();
      await session.context.dispose();
    }
  },

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

/**
 * Types `query` into a searchable antd select (found by its test id) and picks the option with `option` in its text,
 * again until the select shows that option as chosen. Under CI load a click can land while the list is still opening
 * or while the debounced search is replacing the options, and the choice is then silently not taken.
 */
export async function pickSearched(page: Page, testId: string, query: string, option: string): Promise<void> {
  const select = page.getByTestId(testId);
  await expect(async () => {
    const dropdown = page.locator('.ant-select-dropdown:visible');
    if (!(await dropdown.count())) await select.click({ timeout: 3000 });
    await select.getByRole('combobox').fill(query, { timeout: 3000 });
    await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click({ timeout: 3000 });
    await expect(select).toContainText(option, { timeout: 3000 });
    await expect(dropdown).toHaveCount(0, { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
}
