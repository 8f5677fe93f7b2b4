import { describe, expect, it } from 'vitest';
import { PointAccountList } from '@linli/contracts/modules/points';
import { buildOrg } from '../../../test/factories/org';
import { parseAs, signedIn, useTestApp } from '../../../test/harness';

const t = useTestApp();

describe('points: account names', () => {
  it("a supermarket's account is named after the supermarket", async () => {
    const org = await buildOrg(t.app.ctx);
    const { client: worker } = await signedIn(t, ['community_worker'], [org.communityA]);
    const created = await worker.post('/api/supermarket/supermarkets', {
      areaCode: org.communityA,
      name: '幸福里爱心超市',
      address: '幸福路1号',
    });
    expect(created.statusCode).toBe(200);
    const list = parseAs(
      PointAccountList,
      await worker.get(`/api/points/accounts?areaCode=${org.communityA}&kind=supermarket`),
    );
    expect(list.items.map((a) => a.ownerLabel)).toEqual(['幸福里爱心超市']);
  });
});
