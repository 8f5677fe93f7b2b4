import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StockMovementList, Supermarket, SupermarketItem } from '@linli/contracts/modules/supermarket';
import { buildOrg } from '../../../test/factories/org';
import { type TestClient, signedIn, useTestApp } from '../../../test/harness';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

async function partner(worker: TestClient, areaCode: string, name: string): Promise<string> {
  const res = await worker.post('/api/organisations', { areaCode, kind: 'expert', name, expertField: '营养咨询' });
  if (res.statusCode !== 200) throw new Error(`organisation: ${res.body}`);
  return (res.json() as { id: string }).id;
}

describe('a donation from an organisation of the partner register', () => {
  it('is stored and shown in the ledger; another district’s organisation answers like a missing one', async () => {
    const org = await buildOrg(t.app.ctx);
    const far = await buildOrg(t.app.ctx);
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    const { client: farWorker } = await signedIn(t, ['community_worker'], [far.communityA]);
    const ours = await partner(worker, org.communityA, '爱心粮油公司');
    const foreign = await partner(farWorker, far.communityA, '外区粮油公司');
    const market = await worker.postAs(Supermarket, '/api/supermarket/supermarkets', {
      areaCode: org.communityA,
      name: '爱心超市',
      address: '幸福路1号',
    });
    const item = await worker.postAs(SupermarketItem, '/api/supermarket/items', {
      supermarketId: market.id,
      name: '食用油',
      category: 'grain_oil',
      unit: '桶',
      pricePoints: 20,
    });
    const stockIn = (organisationId: string) =>
      worker.post('/api/supermarket/stock-in', {
        itemId: item.id,
        quantity: 3,
        donorKind: 'organisation',
        organisationId,
      });

    expect((await stockIn(ours)).statusCode).toBe(200);
    const absent = randomUUID();
    const there = await stockIn(foreign);
    const notThere = await stockIn(absent);
    const same = (text: string, sent: string) =>
      text
        .split(sent)
        .join('«id»')
        .replace(/"requestId":"[^"]+"/, '');
    expect(there.statusCode).toBe(404);
    expect(there.statusCode).toBe(notThere.statusCode);
    expect(same(there.body, foreign)).toBe(same(notThere.body, absent));

    const ledger = await worker.getAs(StockMovementList, `/api/supermarket/movements?supermarketId=${market.id}`);
    expect(ledger.items.map((m) => [m.kind, m.quantity, m.donorKind, m.donorName, m.organisationId])).toEqual([
      ['donation', 3, 'organisation', '爱心粮油公司', ours],
    ]);
  });
});
