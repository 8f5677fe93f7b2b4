import { expect, loginAs, logout, test } from '../fixtures';

// 后台任务 (/admin/jobs, issue 10 part 4): the system administrator sees the server's recurring jobs and the depth of
// its queues, and the page refreshes itself; the auditor (三员分立) has no such page.
test('the system administrator watches the background jobs and queues', async ({ page }) => {
  test.setTimeout(90_000); // two logins, then a refresh that comes by itself after 5 s
  await loginAs(page, 'demo-auditor');
  await expect(page.getByTestId('menu-audit')).toBeVisible();
  await expect(page.getByTestId('menu-jobs')).toHaveCount(0);
  await logout(page);

  await loginAs(page, 'demo-admin');
  let answers = 0;
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/jobs' && r.status() === 200) answers++;
  });
  const first = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/jobs');
  await page.getByTestId('menu-jobs').click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  expect((await first).status()).toBe(200);

  const schedules = page.getByTestId('jobs-schedules');
  for (const name of ['events.deliver', 'audit.seal', 'audit.upkeep', 'care.rollups.fold', 'care.daily_overdue_check'])
    await expect(schedules.getByTestId(`job-name-${name}`)).toBeVisible();
  // The server runs them: event delivery (every 2 s) has runs to show.
  const deliver = schedules.locator('tr', { has: page.getByTestId('job-name-events.deliver') });
  await expect(deliver).toContainText('2 秒');

  const queues = page.getByTestId('jobs-queues');
  for (const name of ['event_outbox', 'audit_pending']) {
    const row = queues.locator('tr', { has: page.getByTestId(`job-name-${name}`) });
    await expect(row).toBeVisible();
    // Pending, failed, dead: counts (whatever they are at this moment).
    await expect(row.locator('td').nth(1)).toHaveText(/^\d+$/);
  }

  // It refreshes by itself (every 5 s), without a click.
  const seen = answers;
  await expect.poll(() => answers, { timeout: 20_000 }).toBeGreaterThan(seen);
});
