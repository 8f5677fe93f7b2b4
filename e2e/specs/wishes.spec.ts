import { DEMO_COMMUNITY, DEMO_PASSWORD, DEMO_RESIDENTS, expect, loginAs, test, uniqueName } from '../fixtures';

// Issue 11 (微心愿): a partner member claims a published wish on the wall and fulfils it with a photo; the community's
// staff see it fulfilled, with the photo and the history.

/** A 32×24 JPEG: the fulfilment photo (the server re-encodes it and drops any metadata). */
const PHOTO = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAYACADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCTAWKcAAAAAAf/2Q==',
  'base64',
);

interface WishView {
  id: string;
  status: string;
  photoCount: number;
  claimantKind: string | null;
  events: { kind: string }[];
}

test('a partner member claims a wish on the wall and fulfils it with a photo; staff see it fulfilled', async ({
  page,
  seed,
}) => {
  // Two accounts, a claim and a photo upload on a shared machine: more than the default 30 s when the machine is busy.
  test.slow();
  // The wish: posted by demo-worker-a for a client who agreed, then published after review.
  const worker = await seed.as('demo-worker-a');
  const title = uniqueName('轮椅').slice(0, 30);
  const posted = await worker.postOk<{ id: string }>('/api/wishes', {
    areaCode: DEMO_COMMUNITY.a,
    title,
    publicText: '腿脚不便，希望有一辆折叠轮椅。',
    estimatedValue: 800,
    beneficiaryName: '赵秀英',
    consent: true,
  });
  await worker.postOk(`/api/wishes/${posted.id}/publish`, {});

  await loginAs(page, 'demo-partner');
  await page.getByTestId('menu-wish-wall').click();
  await expect(page).toHaveURL(/\/wishes\/wall$/);
  const card = page.getByTestId(`wish-card-${posted.id}`);
  await expect(card).toContainText(title);
  await expect(card).not.toContainText('赵秀英');
  await page.getByTestId(`wish-claim-${posted.id}`).click();
  await page.getByTestId('wish-claim-ok').click();
  await expect(page.getByTestId(`wish-claim-${posted.id}`)).toHaveCount(0);

  await page.getByTestId('menu-wish-claims').click();
  await page.getByTestId(`wish-fulfil-${posted.id}`).click();
  await page.getByTestId('wish-fulfil-note').fill('已把轮椅送到老人家中，并教会家属折叠');
  await page
    .getByTestId('wish-fulfil-photo')
    .setInputFiles({ name: 'done.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await page.getByTestId('wish-fulfil-ok').click();
  await expect(page.getByTestId(`wish-card-${posted.id}`).getByTestId('wish-status')).toHaveText('已完成');
  await expect(page.getByTestId(`wish-fulfil-${posted.id}`)).toHaveCount(0);

  const seen = await worker.getOk<WishView>(`/api/wishes/${posted.id}`);
  expect([seen.status, seen.photoCount, seen.claimantKind]).toEqual(['fulfilled', 1, 'organisation']);
  expect(seen.events.map((e) => e.kind)).toEqual(['submitted', 'published', 'claimed', 'fulfilled']);
});

test.describe('on the resident mobile entry /m', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a resident makes a wish for review and reads the public thanks on the wall', async ({ page }) => {
    await page.goto('/m/login');
    await page.getByTestId('m-login-phone').fill(DEMO_RESIDENTS.plain.phone);
    await page.getByTestId('m-login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('m-login-submit').click();
    await page.getByTestId('m-wish-new').click();
    const title = uniqueName('上门理发').slice(0, 30);
    await page.getByTestId('m-wish-title').fill(title);
    await page.getByTestId('m-wish-text').fill('行动不便，希望每月有人上门理一次发。');
    await page.getByTestId('m-wish-submit').click();
    await expect(page).toHaveURL(/\/m\/wishes$/);
    const mine = page.getByTestId('m-wishes-list').locator('[data-testid^="wish-card-"]', { hasText: title });
    await expect(mine.getByTestId('wish-status')).toHaveText('待审核');

    // The demo data's confirmed wishes carry approved thanks (wishes-demo.ts).
    await page.goto('/m/wishes/wall');
    await page.getByText('已圆梦').click();
    await expect(page.getByTestId('wish-wall')).toContainText('谢谢爱心单位送来的棉被，这个冬天暖和了！');
  });
});
