import type { Page } from '@playwright/test';
import { addDays, expect, loginAs, test } from '../fixtures';

// Issue 9: the client page as a worker lives it — record a visit from it, see the visit's notes on the timeline and in
// the visit detail, edit the client (the same checks as entry), and read the history in words, never in codes.

const WORKER_A = '洗面桥社区 刘社工'; // demo-worker-a's display name (apps/server/src/db/seed/demo.ts)

async function recordVisitFromClientPage(page: Page, notes: string) {
  await page.getByTestId('client-record-visit').click();
  await page.getByTestId('record-notes').fill(notes);
  await page.getByTestId('record-visit-submit').click();
  await expect(page.getByTestId('record-visit-submit')).toHaveCount(0);
}

test('a visit recorded from the client page shows its notes on the timeline and in the visit detail', async ({
  page,
  seed,
}) => {
  const { id } = await seed.client({ tier: 'red' }); // red: a first visit is planned
  const notes = '老人腿脚不便，已联系志愿者每周代购';
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  await expect(page.getByTestId('client-reassessment-due')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await recordVisitFromClientPage(page, notes);

  const visit = page.getByTestId('timeline-visit');
  await expect(visit).toHaveCount(1);
  await expect(visit.getByTestId('timeline-visit-notes')).toHaveText(notes);
  await expect(visit).toContainText('入户走访');
  await expect(visit.getByTestId('timeline-actor')).toHaveText(`经办：${WORKER_A}`);
  // The next visit the tier policy booked can be recorded from the page again.
  await expect(page.getByTestId('client-record-visit')).toBeVisible();

  await visit.getByTestId('timeline-visit-open').click();
  const detail = page.getByTestId('visit-detail');
  await expect(detail.getByTestId('visit-detail-notes')).toHaveText(notes);
  await expect(detail).toContainText('已走访');
  await expect(detail).toContainText(WORKER_A);
});

test('a client with no planned visit says so instead of offering to record one', async ({ page, seed }) => {
  const { id } = await seed.client(); // not assessed: nothing planned
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  await expect(page.getByTestId('client-no-planned-visit')).toHaveText(/没有计划中的走访/);
  await expect(page.getByTestId('client-record-visit')).toHaveCount(0);
  await expect(page.getByTestId('client-reassessment-due')).toHaveText('尚未评估');
});

test('editing a client checks fields like entry does, saves, and the timeline names the fields', async ({
  page,
  seed,
}) => {
  const { id } = await seed.client();
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  await page.getByTestId('client-edit').click();
  await page.getByTestId('client-edit-address').fill('洗面桥街 8 号 3 单元 201');
  await page.getByTestId('client-edit-phone').fill('12345');
  await page.getByTestId('client-edit-submit').click();
  const form = page.getByTestId('client-edit-form');
  await expect(form.locator('.ant-form-item-explain-error')).toHaveText('请输入 11 位手机号');
  await page.getByTestId('client-edit-phone').fill('13912345678');
  await page.getByTestId('client-edit-submit').click();
  await expect(page.getByTestId('client-edit-submit')).toHaveCount(0);

  await expect(page.getByTestId('client-descriptions')).toContainText('洗面桥街 8 号 3 单元 201');
  await expect(page.getByTestId('masked-phone')).toHaveText(/^139\*+5678$/);
  const updated = page.getByTestId('timeline-updated');
  await expect(updated).toContainText('修改了：');
  await expect(updated).toContainText('住址');
  await expect(updated).toContainText('手机号');
  await expect(updated.getByTestId('timeline-actor')).toHaveText(`经办：${WORKER_A}`);
});

/** Codes the API sends that must never reach a reader (word-bounded: ASCII letters around them do not count). */
const RAW_CODES = [
  'plan_pending',
  'pending_approval',
  'not_home',
  'elderly_alone',
  'social_org',
  'applied',
  'sent',
  'home',
  'red',
  'done',
  'missed',
  'draft',
  'active',
];
const rawCodesIn = (text: string) =>
  RAW_CODES.filter((code) => new RegExp(`(^|[^A-Za-z_])${code}([^A-Za-z_]|$)`).test(text));

test('the client page says every status and kind in words, in Chinese and English', async ({ page, seed }) => {
  const { id } = await seed.client({ tier: 'red' });
  const worker = await seed.as('demo-worker-a');
  // A missed visit (not at home), a referral (sent) and a case (plan pending): codes the timeline used to show.
  const detail = await worker.getOk<{ nextVisit: { id: string } | null; today: string }>(`/api/care/clients/${id}`);
  await worker.postOk(`/api/care/visits/${detail.nextVisit!.id}/record`, {
    outcome: 'missed',
    mode: 'home',
    visitedOn: detail.today,
    missedReason: 'not_home',
  });
  await worker.postOk(`/api/care/clients/${id}/consents`, {
    purpose: 'referral',
    basis: 'consent',
    grantedBy: 'self',
    noticeVersion: 'v1',
  });
  await worker.postOk(`/api/care/clients/${id}/referrals`, {
    providerName: '心连心社工服务中心',
    providerType: 'social_org',
    service: '心理疏导',
  });
  await worker.postOk(`/api/care/clients/${id}/cases`, {
    goals: [{ domain: 'health', goal: '按时服药' }],
    tasks: [{ goalIndex: 0, title: '每周提醒服药' }],
  });

  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  const timeline = page.getByTestId('client-timeline');
  await expect(timeline.getByTestId('timeline-visit')).toContainText('未能走访：不在家');
  await expect(timeline.getByTestId('timeline-referral')).toContainText('已发送');
  await expect(timeline.getByTestId('timeline-case')).toBeVisible();
  await expect(timeline.getByTestId('timeline-tier_change')).toContainText('已生效');
  expect(rawCodesIn(await page.locator('main, .ant-layout-content').first().innerText())).toEqual([]);

  await timeline.getByTestId('timeline-visit-open').click();
  await expect(page.getByTestId('visit-detail')).toContainText('不在家');
  expect(rawCodesIn(await page.getByTestId('visit-detail').innerText())).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('visit-detail')).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(timeline.getByTestId('timeline-visit')).toContainText('Could not visit: Not at home');
  await expect(timeline.getByTestId('timeline-visit').getByTestId('timeline-actor')).toHaveText(`By ${WORKER_A}`);
  // English words may contain "home" or "done" as words ("Not at home"): check only the codes no sentence has.
  const english = await page.locator('main, .ant-layout-content').first().innerText();
  expect(RAW_CODES.filter((code) => code.includes('_') && english.includes(code))).toEqual([]);
});

test('the timeline shows the latest 20 entries, then 更多 loads the older ones', async ({ page, seed }) => {
  const { id } = await seed.client(); // one entry: 建档
  const worker = await seed.as('demo-worker-a');
  const { today } = await worker.getOk<{ today: string }>(`/api/care/clients/${id}`);
  // 22 status changes (paused, active, …): 23 entries in all.
  for (let version = 1; version <= 22; version++) {
    await worker.postOk(`/api/care/clients/${id}/status`, {
      version,
      status: version % 2 ? 'paused' : 'active',
      ...(version % 2 ? { resumeOn: addDays(today, 30) } : {}),
      reason: `第${version}次状态变更`,
    });
  }
  await loginAs(page, 'demo-worker-a');
  await page.goto(`/care/clients/${id}`);
  await expect(page.getByTestId('timeline-status')).toHaveCount(20);
  await expect(page.getByTestId('timeline-created')).toHaveCount(0);
  await page.getByTestId('timeline-more').click();
  await expect(page.getByTestId('timeline-status')).toHaveCount(22);
  await expect(page.getByTestId('timeline-created')).toHaveCount(1);
  await expect(page.getByTestId('timeline-more')).toHaveCount(0);
});
