import { expect, loginAs, pickSearched, test, uniqueName } from '../fixtures';

// Issue 12: organisations of the partner register have volunteer teams of their own. Staff name a team's organisation
// by searching the register in the team form; the organisation's member (demo-partner, 阳光社会工作服务中心) finds
// 我们的志愿队伍 in its menu: exactly its organisation's teams, members' names masked.

test('staff pick a team’s partner organisation by name; its member sees its own teams, names masked', async ({
  page,
  browser,
  seed,
}) => {
  test.setTimeout(120_000); // two sign-ins and a search of the register
  const name = uniqueName('阳光新队');
  await loginAs(page, 'demo-worker-a');
  await page.goto('/volunteer-teams');
  await page.getByTestId('team-new').click();
  await page.getByTestId('team-name').fill(name);
  await pickSearched(page, 'team-organisation', '阳光社会', '阳光社会工作服务中心');
  await page.getByTestId('team-create-ok').click();
  await expect(page.getByTestId('team-title')).toHaveText(name);
  await expect(page.getByTestId('team-organisation-name')).toHaveText('阳光社会工作服务中心');

  const own = await (
    await seed.as('demo-partner')
  ).getOk<{ items: { id: string; name: string }[] }>('/api/partner/volunteer-teams');
  const elders = own.items.find((t) => t.name === '阳光助老队')!;
  expect(own.items.map((t) => t.name)).toEqual(expect.arrayContaining(['阳光助老队', name]));
  expect(own.items.map((t) => t.name)).not.toContain('党员先锋队');

  const partnerContext = await browser.newContext();
  const partner = await partnerContext.newPage();
  await loginAs(partner, 'demo-partner');
  await partner.getByTestId('menu-partner-teams').click();
  await expect(partner).toHaveURL(/\/partner\/volunteer-teams$/);
  await expect(partner.getByTestId('partner-teams')).toContainText('阳光助老队');
  await expect(partner.getByTestId('partner-teams')).not.toContainText('党员先锋队');
  await partner.getByTestId(`partner-team-open-${elders.id}`).click();
  await expect(partner.getByTestId('partner-team-title')).toHaveText('阳光助老队');
  // r_demo_1 (王秀兰) is a member: shown masked only.
  await expect(partner.getByTestId('partner-team-members')).toContainText('王*');
  await expect(partner.getByTestId('partner-team-members')).not.toContainText('王秀兰');
  await partnerContext.close();
});
