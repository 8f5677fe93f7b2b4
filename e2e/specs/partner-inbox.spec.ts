import { expect, loginAs, test } from '../fixtures';

// Issue 10 part 2: a partner organisation's member signs in at the staff login, lands on its referral inbox (nothing
// of the staff's pages), and answers a referral addressed to its organisation; the staff side sees the answer.

test('a partner member accepts a referral and reports back from its inbox', async ({ page, seed }) => {
  const referral = await seed.partnerReferral();
  await loginAs(page, 'demo-partner');
  await expect(page).toHaveURL(/\/partner\/referrals$/);
  await expect(page.getByTestId('menu-partner-inbox')).toBeVisible();
  await expect(page.getByTestId('menu-home')).toHaveCount(0);
  await expect(page.getByTestId('menu-clients')).toHaveCount(0);

  await page.getByTestId(`partner-referral-open-${referral.referralId}`).click();
  await expect(page).toHaveURL(new RegExp(`/partner/referrals/${referral.referralId}$`));
  // Sent under a live consent for referral: the client's name is shown in full.
  await expect(page.getByTestId('partner-referral-client')).toHaveText(referral.name);
  await page.getByTestId('partner-referral-accept').click();
  await page.getByTestId('partner-answer-submit').click();
  await expect(page.getByTestId('partner-referral-status-accepted')).toBeVisible();

  await page.getByTestId('partner-referral-report').click();
  await page.getByTestId('partner-answer-text').fill('已上门服务两次，情绪明显好转');
  await page.getByTestId('partner-answer-submit').click();
  await expect(page.getByTestId('partner-referral-status-done')).toBeVisible();
  await expect(page.getByTestId('partner-referral-report')).toHaveCount(0);

  const worker = await seed.as('demo-worker-a');
  const list = await worker.getOk<{ items: { id: string; status: string; reportBack: string | null }[] }>(
    `/api/care/referrals?clientId=${referral.id}`,
  );
  expect(list.items.map((r) => [r.id, r.status, r.reportBack])).toEqual([
    [referral.referralId, 'done', '已上门服务两次，情绪明显好转'],
  ]);
});

test('a partner member declines a referral with a reason', async ({ page, seed }) => {
  const referral = await seed.partnerReferral();
  await loginAs(page, 'demo-partner');
  await page.goto(`/partner/referrals/${referral.referralId}`);
  await page.getByTestId('partner-referral-decline').click();
  await page.getByTestId('partner-answer-submit').click();
  // The reason is required: nothing is sent without it.
  await expect(page.getByTestId('partner-answer-submit')).toBeVisible();
  await page.getByTestId('partner-answer-text').fill('本月服务名额已满');
  await page.getByTestId('partner-answer-submit').click();
  await expect(page.getByTestId('partner-referral-status-declined')).toBeVisible();
  const worker = await seed.as('demo-worker-a');
  const list = await worker.getOk<{ items: { status: string; responseNote: string | null }[] }>(
    `/api/care/referrals?clientId=${referral.id}`,
  );
  expect(list.items.map((r) => [r.status, r.responseNote])).toEqual([['declined', '本月服务名额已满']]);
});
