import { expect, loginAs, test } from '../fixtures';

interface Inbox {
  items: { id: string; event: string; objectId: string | null; readAt: string | null }[];
}

test('staff see the unread badge move: a downgrade waiting for approval adds one, marking it read takes it away', async ({
  page,
  seed,
}) => {
  test.slow(); // a seeded client, two assessments and three API sessions before the page's own steps
  await loginAs(page, 'demo-supervisor-a');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toBeVisible();
  const supervisor = await seed.as('demo-supervisor-a');
  const before = (await supervisor.getOk<{ unread: number }>('/api/notifications/unread-count')).unread;
  await expect(bell).toHaveAttribute('data-count', String(before));

  // A worker's downgrade now waits for this supervisor.
  const change = await seed.pendingDowngrade();
  await page.reload();
  await expect(bell).toHaveAttribute('data-count', String(before + 1));

  const inbox = await supervisor.getOk<Inbox>('/api/notifications?unread=true&pageSize=100');
  const mine = inbox.items.filter((n) => n.event === 'approval.waiting' && n.objectId === change.changeId);
  expect(mine, 'one notification for the change').toHaveLength(1);
  const id = mine[0]!.id;

  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  const entry = page.getByTestId(`notification-${id}`);
  await expect(entry).toContainText('等级调整');
  await expect(entry).toHaveAttribute('data-read', 'false');
  await page.getByTestId(`mark-read-${id}`).click();
  await expect(entry).toHaveAttribute('data-read', 'true');
  await expect(bell).toHaveAttribute('data-count', String(before));
});
