import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ClientDetail } from '@linli/contracts';
import { queryRows } from '../src/platform/db';
import { assess, careFixtures, createClient } from './factories/care';
import { buildOrg } from './factories/org';
import { signedIn, useTestApp } from './harness';

/**
 * Every domain table carries its area code (ADR 0009, change 2; migration 0033): the children of visits, clients and
 * cases are written with their parent's community — a merge with the community of the client kept.
 */
const t = useTestApp();

const CHILDREN = [
  { table: 'visit_events', parent: 'visits', key: 'visit_id' },
  { table: 'client_events', parent: 'clients', key: 'client_id' },
  { table: 'client_merges', parent: 'clients', key: 'target_id' },
  { table: 'case_goals', parent: 'cases', key: 'case_id' },
  { table: 'case_tasks', parent: 'cases', key: 'case_id' },
  { table: 'case_events', parent: 'cases', key: 'case_id' },
];

describe('area codes of the care children', () => {
  it('are their parent’s, as every writer sets them', async () => {
    const org = await buildOrg(t.app.ctx);
    const worker = (await signedIn(t, ['community_worker'], [org.communityA])).client;
    const supervisor = (await signedIn(t, ['community_supervisor'], [org.communityA])).client;
    await careFixtures(worker, org.communityA, supervisor);
    // A status change: a client event, and the open visits cancelled with their events.
    const moving = await createClient(worker, org.communityA);
    await assess(worker, moving.id, 'yellow');
    const detail = await worker.getAs(ClientDetail, `/api/care/clients/${moving.id}`);
    const res = await worker.post(`/api/care/clients/${moving.id}/status`, {
      status: 'moved_out',
      reason: '搬离本社区',
      version: detail.version,
    });
    expect(res.statusCode, res.body).toBe(200);

    for (const { table, parent, key } of CHILDREN) {
      const [row] = await queryRows<{ rows: number; mismatched: number }>(
        t.app.ctx.db,
        sql.raw(`SELECT count(*)::int AS rows, count(*) FILTER (WHERE c.area_code IS DISTINCT FROM p.area_code)::int
                   AS mismatched FROM ${table} c JOIN ${parent} p ON p.id = c.${key}`),
      );
      expect({ table, ...row }).toMatchObject({ table, mismatched: 0 });
      expect(row!.rows, table).toBeGreaterThan(0);
    }
  });
});
