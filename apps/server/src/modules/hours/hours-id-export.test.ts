// The national CSV with full ID numbers (R-18, docs/hours.md): by request with a reason, approval by someone else,
// one audited download by the requester; the masked CSV is unchanged (hours.test.ts).
import { ExportRequest, ExportRequestList } from '@linli/contracts';
import { NATIONAL_CSV_COLUMNS } from '@linli/contracts/modules/hours';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit.tables';
import { makeIdNumber } from '../../../test/factories/care';
import { buildOrg } from '../../../test/factories/org';
import { type TestClient, expectError, signedIn, useTestApp } from '../../../test/harness';
import { creditHours } from './hours-credit';

// Every test starts at 2026-03-02 09:00 (China), in a district of its own.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });

let births = 0;
/** A resident of `community` registered as a volunteer with a known ID number, confirmed there. */
async function volunteer(community: string, name: string): Promise<{ id: string; idNumber: string }> {
  const resident = await signedIn(t, ['resident'], [community]);
  births += 1;
  const idNumber = makeIdNumber(`1970-0${1 + (births % 9)}-1${births % 10}`);
  const reg = await resident.client.post('/api/m/volunteer', {
    name,
    idType: 'resident_id',
    idNumber,
    skills: [],
    availability: [],
    emergencyName: '李红',
    emergencyPhone: '13800000001',
    consent: true,
  });
  if (reg.statusCode !== 200) throw new Error(`register: ${reg.body}`);
  const id = (reg.json() as { record: { volunteer: { id: string } } }).record.volunteer.id;
  const worker = await signedIn(t, ['community_worker'], [community]);
  const confirmed = await worker.client.post(`/api/volunteers/${id}/confirm`);
  if (confirmed.statusCode !== 200) throw new Error(`confirm: ${confirmed.body}`);
  return { id, idNumber };
}

function credit(volunteerId: string, areaCode: string, minutes: number, confirmedBy: string) {
  return t.app.ctx.db.transaction((tx) =>
    creditHours(t.app.ctx, tx, {
      volunteerId,
      areaCode,
      activityId: null,
      participationId: null,
      serviceDate: '2026-02-20',
      minutes,
      content: '助老送餐',
      activityType: 'elderly',
      organiserName: '一号社区',
      confirmedBy,
    }),
  );
}

const REQUESTS = '/api/hours/export/id-requests';
const listed = async (client: TestClient, id: string) =>
  (await client.getAs(ExportRequestList, REQUESTS)).items.find((r) => r.id === id);

async function auditRows(actorId: string, action: string) {
  await t.app.ctx.auditWriter.flush(); // seal the audit outbox before reading the log directly
  return t.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action)));
}

describe('hours: the national CSV with full ID numbers (R-18)', () => {
  it('is refused until someone else approves, then downloads once with full numbers in the documented layout', async () => {
    const org = await buildOrg(t.app.ctx);
    const requester = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const approver = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const inA = await volunteer(org.communityA, '周全名');
    const inB = await volunteer(org.communityB, '吴乙方');
    await credit(inA.id, org.communityA, 90, approver.id);
    await credit(inB.id, org.communityB, 60, approver.id);

    const request = await requester.client.postAs(ExportRequest, REQUESTS, {
      areaCode: org.communityA,
      reason: '上传全国志愿服务信息系统',
    });
    expect(request).toMatchObject({
      status: 'pending',
      allowedActions: [],
      estimatedRows: 1,
      filter: { areaCode: org.communityA },
      areas: [{ code: org.communityA, name: '一号社区' }],
    });
    // Without approval: no file, and the requester may not approve their own request (audited as refused).
    const csvPath = `${REQUESTS}/${request.id}/national.csv`;
    expectError(await requester.client.get(csvPath), 409, 'hours.export_unavailable');
    expectError(await requester.client.post(`${REQUESTS}/${request.id}/decision`, { approve: true }), 403);
    expect((await auditRows(requester.id, 'hours.id_export_approve')).map((r) => r.result)).toEqual(['denied']);
    // A worker may ask but never approve (no hours.export.approve).
    const worker = await signedIn(t, ['community_worker'], [org.communityA]);
    expectError(await worker.client.post(`${REQUESTS}/${request.id}/decision`, { approve: true }), 403);

    expect((await listed(approver.client, request.id))?.allowedActions).toEqual(['decide']);
    const approved = await approver.client.postAs(ExportRequest, `${REQUESTS}/${request.id}/decision`, {
      approve: true,
      note: '同意上传',
    });
    expect(approved).toMatchObject({ status: 'approved', expiresAt: '2026-03-03T01:00:00.000Z' });
    expect((await listed(requester.client, request.id))?.allowedActions).toEqual(['download']);
    // Only the requester downloads.
    expectError(await approver.client.get(csvPath), 403);

    const file = await requester.client.get(csvPath);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['cache-control']).toContain('no-store');
    const body = file.body;
    expect(body.startsWith('\uFEFF')).toBe(true);
    expect(body.endsWith('\r\n')).toBe(true);
    const lines = body.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).every((l) => !l.includes('\n'))).toBe(true); // CRLF only, never a bare LF
    expect(lines[0]).toBe(NATIONAL_CSV_COLUMNS.join(','));
    expect(lines.slice(1, -1)).toEqual([
      `周全名,居民身份证,${inA.idNumber},2026-02-20,1.50,助老送餐,助老服务,助老送餐,一号社区,一号社区,2026-03-02,活动记录`,
    ]);
    expect(body).not.toContain(inB.idNumber);
    // Once only.
    expectError(await requester.client.get(csvPath), 409, 'hours.export_unavailable');
    expect(await listed(requester.client, request.id)).toMatchObject({ status: 'downloaded', rowCount: 1 });

    // The decryption is audited by the volunteers module, the download by hours; no full number in any detail.
    const reads = await auditRows(requester.id, 'volunteers.id_numbers_read');
    expect(reads.map((r) => [r.objectType, r.objectIds, r.fields])).toEqual([
      ['volunteer', [inA.id], ['name', 'idType', 'idNumber']],
    ]);
    expect(reads[0]!.detail).toContain(`approved export ${request.id}`);
    const downloads = await auditRows(requester.id, 'hours.id_export_download');
    expect(downloads.map((r) => [r.result, r.objectIds])).toEqual([
      ['denied', [request.id]],
      ['success', [request.id]],
      ['denied', [request.id]],
    ]);
    expect(downloads[1]!.detail).toMatch(
      new RegExp(`^FULL ID NUMBERS, request ${request.id}, areas ${org.communityA}; 1 rows; 1 volunteers;`),
    );
    expect((await auditRows(approver.id, 'hours.id_export_approve')).map((r) => r.result)).toEqual(['success']);
    for (const row of [...reads, ...downloads]) expect(row.detail ?? '').not.toContain(inA.idNumber);

    // The plain export is still masked.
    const masked = await requester.client.get(`/api/hours/export/national.csv?areaCode=${org.communityA}`);
    expect(masked.body).not.toContain(inA.idNumber);
    expect(masked.body).toMatch(/周全名,居民身份证,[^,]*\*[^,]*,2026-02-20,1\.50/);
  });

  it('a rejected or expired approval gives no file; an approver must hold every area of the request', async () => {
    const org = await buildOrg(t.app.ctx);
    const street = await signedIn(t, ['street_officer'], [org.streetA]);
    const bossA = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const v = await volunteer(org.communityA, '郑某某');
    await credit(v.id, org.communityA, 60, bossA.id);
    // A requester holding A and B asks for both: A's supervisor alone may not approve, the street officer may.
    const wide = await signedIn(t, ['social_worker'], [org.communityA, org.communityB]);
    const both = await wide.client.postAs(ExportRequest, REQUESTS, { reason: '两个社区上传全国系统' });
    expect(both.areas.map((a) => a.code)).toEqual([org.communityA, org.communityB]);
    expect((await listed(bossA.client, both.id))?.allowedActions ?? []).not.toContain('decide');
    expectError(
      await bossA.client.post(`${REQUESTS}/${both.id}/decision`, { approve: true }),
      403,
      'common.approver_scope',
    );
    const rejected = await street.client.postAs(ExportRequest, `${REQUESTS}/${both.id}/decision`, {
      approve: false,
      note: '范围过大',
    });
    expect(rejected.status).toBe('rejected');
    expectError(await wide.client.get(`${REQUESTS}/${both.id}/national.csv`), 409, 'hours.export_unavailable');
    expectError(await street.client.post(`${REQUESTS}/${both.id}/decision`, { approve: true }), 409);

    // Approved, but not downloaded within 24 hours.
    const late = await wide.client.postAs(ExportRequest, REQUESTS, {
      areaCode: org.communityA,
      reason: '上传全国系统',
    });
    await bossA.client.postAs(ExportRequest, `${REQUESTS}/${late.id}/decision`, { approve: true });
    t.clock.advance(25 * 3600_000);
    await wide.client.relogin();
    expectError(await wide.client.get(`${REQUESTS}/${late.id}/national.csv`), 409, 'hours.export_unavailable');
    expect((await listed(wide.client, late.id))?.status).toBe('expired');
    expect(await auditRows(wide.id, 'volunteers.id_numbers_read')).toEqual([]);

    // Another district's staff do not see the requests at all.
    const other = await buildOrg(t.app.ctx);
    const outsider = await signedIn(t, ['community_supervisor'], [other.communityA]);
    expect(await listed(outsider.client, late.id)).toBeUndefined();
    expectError(await outsider.client.get(`${REQUESTS}/${late.id}/national.csv`), 404);
    expectError(await outsider.client.post(`${REQUESTS}/${late.id}/decision`, { approve: true }), 404);
  });
});
