import { CaseList, ClientList, ReferralList, Worklist } from '@linli/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS, seedDemo } from '../src/db/seed/demo';
import { queryRows } from '../src/platform/db';
import { createTestApp, TestClient, useTestApp } from './harness';

const t = useTestApp({ demoMode: true });

describe('demo data set', () => {
  it('loads once: areas of 成都市武侯区, the nine accounts, and care data with overdue work', async () => {
    const first = await seedDemo(t.app.ctx, 'Linli-demo-2026!');
    expect(first.accounts).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(first.care!.clients).toBe(200);
    expect((await seedDemo(t.app.ctx, 'Linli-demo-2026!')).seeded).toBe(false);
    const levels = await queryRows<{ level: string; n: number }>(
      t.app.ctx.db,
      sql`SELECT level, count(*)::int AS n FROM areas GROUP BY level ORDER BY level`,
    );
    expect(Object.fromEntries(levels.map((l) => [l.level, l.n]))).toEqual({
      community: 4,
      district: 1,
      grid: 12,
      street: 2,
    });
    const client = new TestClient(t.app);
    const login = (await client.login('demo-admin', 'Linli-demo-2026!')).json();
    expect(login.status).toBe('ok'); // demo mode: no TOTP step
    const worker = new TestClient(t.app);
    await worker.login('demo-worker-a', 'Linli-demo-2026!');
    // The demo data set is the same on every run (a seeded generator, dated from the test's clock): exact figures.
    const list = await worker.getAs(ClientList, '/api/care/clients?pageSize=100');
    expect(list.total).toBe(50);
    expect(list.items.every((c) => c.communityCode === DEMO.communityA)).toBe(true);
    expect((await worker.getAs(CaseList, '/api/care/cases')).items.map((c) => c.status).sort()).toEqual([
      'active',
      'active',
      'active',
      'active',
      'plan_pending',
      'plan_pending',
    ]);
    expect((await worker.getAs(ReferralList, '/api/care/referrals')).items.map((r) => r.status).sort()).toEqual([
      'accepted',
      'accepted',
      'declined',
      'done',
      'sent',
      'sent',
    ]);
    const worklist = await worker.getAs(Worklist, '/api/care/worklist');
    // This week = the rest of the ISO week (Monday 03-02 → Sunday 03-08): visits opening next Monday are not on it.
    expect([worklist.overdue.length, worklist.dueToday.length, worklist.thisWeek.length]).toEqual([7, 1, 4]);
  });

  it('refuses a demo password that breaks the policy', async () => {
    const fresh = await createTestApp({ demoMode: true });
    try {
      await expect(seedDemo(fresh.app.ctx, 'weak')).rejects.toThrow(/password policy/);
    } finally {
      await fresh.close();
    }
  });
});
