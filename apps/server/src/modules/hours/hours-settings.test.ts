import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StarRule } from '@linli/contracts/modules/hours';
import { buildOrg } from '../../../test/factories/org';
import { createTestApp, expectError, parseAs, signedIn, type TestApp } from '../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('hours: star rule settings', () => {
  it("a community worker reads their district's star rule, not another district's, and cannot set it", async () => {
    const org = await buildOrg(t.app.ctx);
    const other = await buildOrg(t.app.ctx);
    const { client } = await signedIn(t, ['community_worker'], [org.communityA]);
    const rule = parseAs(StarRule, await client.get(`/api/hours/star-rule?areaCode=${org.district}`));
    expect(rule).toMatchObject({ areaCode: org.district, configured: false });
    // By their own community's code too (the same district's rule).
    expect(parseAs(StarRule, await client.get(`/api/hours/star-rule?areaCode=${org.communityA}`)).areaCode).toBe(
      org.district,
    );
    // The street above them reads as their district's rule; another district is not theirs.
    expect(parseAs(StarRule, await client.get(`/api/hours/star-rule?areaCode=${org.streetA}`)).areaCode).toBe(
      org.district,
    );
    expectError(await client.get(`/api/hours/star-rule?areaCode=${other.district}`), 404);
    const put = await client.put('/api/hours/star-rule', {
      areaCode: org.district,
      preset: 'beijing',
      thresholds: [1, 2, 3, 4, 5],
    });
    expect([403, 404]).toContain(put.statusCode);
  });
});
