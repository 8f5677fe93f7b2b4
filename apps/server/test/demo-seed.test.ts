import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ACCOUNTS, seedDemo } from '../src/db/seed/demo';
import { queryRows } from '../src/platform/db';
import { createTestApp, TestClient, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demoMode: true });
});
afterAll(() => t.close());

describe('demo data set', () => {
  it('loads once: areas of 成都市武侯区, the nine accounts, and care data with overdue work', async () => {
    const first = await seedDemo(t.app.ctx, 'Linli-demo-2026!');
    expect(first.accounts).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(first.care!.clients).toBe(200);
    expect((await seedDemo(t.app.ctx, 'Linli-demo-2026!')).seeded).toBe(false);
    const levels = await queryRows<{ level: string; n: number }>(t.app.ctx.db, sql`SELECT level, count(*)::int AS n FROM areas GROUP BY level ORDER BY level`);
    expect(Object.fromEntries(levels.map((l) => [l.level, l.n]))).toEqual({ community: 4, district: 1, grid: 12, street: 2 });
    const client = new TestClient(t.app);
    const login = (await client.login('demo-admin', 'Linli-demo-2026!')).json();
    expect(login.status).toBe('ok'); // demo mode: no TOTP step
    const worker = new TestClient(t.app);
    await worker.login('demo-worker-a', 'Linli-demo-2026!');
    const list = (await worker.get('/api/care/clients?pageSize=100')).json();
    expect(list.total).toBeGreaterThan(30);
    expect(list.items.every((c: { communityCode: string }) => c.communityCode === DEMO.communityA)).toBe(true);
    expect((await worker.get('/api/care/cases')).json().items.length).toBeGreaterThan(0);
    expect((await worker.get('/api/care/referrals')).json().items.map((r: { status: string }) => r.status)).toEqual(expect.arrayContaining(['sent', 'done']));
    const worklist = (await worker.get('/api/care/worklist')).json();
    expect(worklist.overdue.length + worklist.dueToday.length + worklist.thisWeek.length).toBeGreaterThan(0);
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
