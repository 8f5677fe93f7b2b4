import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Certificate,
  CertificateVerification,
  HourClaim,
  HourEntryList,
  MyHours,
  NATIONAL_CSV_COLUMNS,
  ReverseResult,
  StarRule,
} from '@linli/contracts/modules/hours';
import { makeIdNumber } from '../../../test/factories/care';
import { buildOrg, type TestOrg } from '../../../test/factories/org';
import { TestClient, createTestApp, parseAs, signedIn, type TestApp } from '../../../test/harness';
import { creditHours } from './hours-credit';

let t: TestApp;
let org: TestOrg;
let staff: TestClient;
let staffId: string;
beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.app.ctx);
  const s = await signedIn(t, ['community_supervisor'], [org.communityA]);
  staff = s.client;
  staffId = s.id;
});
afterAll(() => t.close());

let births = 0;
/** A resident of `community` registered as a volunteer on /m and confirmed by a worker there. */
async function volunteer(community: string): Promise<{ id: string; userId: string; client: TestClient }> {
  const resident = await signedIn(t, ['resident'], [community]);
  births += 1;
  const birth = `19${String(60 + (births % 30)).padStart(2, '0')}-0${1 + (births % 9)}-1${births % 10}`;
  const reg = await resident.client.post('/api/m/volunteer', {
    name: '张明华',
    idType: 'resident_id',
    idNumber: makeIdNumber(birth),
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
  return { id, userId: resident.id, client: resident.client };
}

function credit(volunteerId: string, minutes: number, extra: { participationId?: string; areaCode?: string } = {}) {
  return t.app.ctx.db.transaction((tx) =>
    creditHours(t.app.ctx, tx, {
      volunteerId,
      areaCode: extra.areaCode ?? org.communityA,
      activityId: null,
      participationId: extra.participationId ?? null,
      serviceDate: '2026-02-20',
      minutes,
      content: '助老送餐',
      activityType: 'elderly',
      organiserName: '一号社区',
      confirmedBy: staffId,
    }),
  );
}

describe('hours: crediting', () => {
  it('creditHours books an entry, emits hours.entry.booked in the same transaction, and books a participation once', async () => {
    const v = await volunteer(org.communityA);
    const seen: { entryId: string; minutes: number }[] = [];
    t.app.ctx.events.onInTransaction('hours.entry.booked', async (_tx, payload) => {
      if (payload.volunteerId === v.id) seen.push({ entryId: payload.entryId, minutes: payload.minutes });
    });
    const participationId = crypto.randomUUID();
    const first = await credit(v.id, 90, { participationId });
    expect(first.duplicate).toBe(false);
    expect(seen).toEqual([{ entryId: first.entryId, minutes: 90 }]);
    const again = await credit(v.id, 90, { participationId });
    expect(again).toEqual({ entryId: first.entryId, duplicate: true });
    expect(seen).toHaveLength(1);
    // Rolled back with the caller: no entry, and the outbox row of the event went with it.
    await expect(
      t.app.ctx.db.transaction(async (tx) => {
        await creditHours(t.app.ctx, tx, {
          volunteerId: v.id,
          areaCode: org.communityA,
          activityId: null,
          participationId: null,
          serviceDate: '2026-02-21',
          minutes: 30,
          content: '回滚',
          activityType: 'other',
          organiserName: 'x',
          confirmedBy: staffId,
        });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const list = parseAs(HourEntryList, await staff.get(`/api/hours/entries?volunteerId=${v.id}`));
    expect(list.items.map((e) => e.minutes)).toEqual([90]);
    expect(list.totalMinutes).toBe(90);
    expect(list.items[0]).toMatchObject({ source: 'activity', allowedActions: ['reverse'], volunteerName: '张**' });
    // Another community's staff see nothing of it.
    const other = await signedIn(t, ['community_worker'], [org.communityB]);
    expect(parseAs(HourEntryList, await other.client.get('/api/hours/entries')).total).toBe(0);
    expect((await other.client.get(`/api/hours/entries/${first.entryId}`)).statusCode).toBe(404);
  });

  it('the ledger is append-only in the database: UPDATE and DELETE are refused, an area re-code alone passes', async () => {
    const v = await volunteer(org.communityA);
    const { entryId } = await credit(v.id, 60);
    const db = t.app.ctx.db;
    await expect(db.execute(sql`UPDATE hour_entries SET minutes = 600 WHERE id = ${entryId}`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM hour_entries WHERE id = ${entryId}`)).rejects.toThrow();
    await db.execute(sql`UPDATE hour_entries SET area_code = area_code WHERE id = ${entryId}`);
  });
});

describe('hours: self-reports and corrections', () => {
  it('a volunteer reports hours on /m; staff approve with a note (→ an entry) or decline with a reason, once', async () => {
    const v = await volunteer(org.communityA);
    const claim = {
      serviceDate: '2026-02-01',
      minutes: 120,
      content: '为独居老人代购药品',
      place: '一号社区 3 栋',
      organiserName: '一号社区居委会',
      activityType: 'elderly',
    };
    const filed = parseAs(
      HourClaim.omit({ allowedActions: true, volunteerName: true }),
      await v.client.post('/api/m/hours/claims', claim),
    );
    expect(filed.status).toBe('pending');
    const declined = parseAs(
      HourClaim.omit({ allowedActions: true, volunteerName: true }),
      await v.client.post('/api/m/hours/claims', { ...claim, minutes: 600 }),
    );
    const other = await signedIn(t, ['community_worker'], [org.communityB]);
    expect((await other.client.post(`/api/hours/claims/${filed.id}/approve`, { note: '核实' })).statusCode).toBe(404);
    const approved = parseAs(
      HourClaim,
      await staff.post(`/api/hours/claims/${filed.id}/approve`, { note: '已电话核实' }),
    );
    expect(approved).toMatchObject({ status: 'approved', decisionNote: '已电话核实' });
    expect(approved.entryId).toBeTruthy();
    expect((await staff.post(`/api/hours/claims/${filed.id}/decline`, { note: 'x' })).json()).toMatchObject({
      code: 'hours.claim_decided',
    });
    const no = parseAs(
      HourClaim,
      await staff.post(`/api/hours/claims/${declined.id}/decline`, { note: '时长与记录不符' }),
    );
    expect(no).toMatchObject({ status: 'declined', entryId: null, decisionNote: '时长与记录不符' });
    const mine = parseAs(MyHours, await v.client.get('/api/m/hours'));
    expect(mine.totalMinutes).toBe(120);
    expect(mine.entries).toMatchObject([{ source: 'self_report', minutes: 120 }]);
    expect(mine.claims.map((c) => c.status).sort()).toEqual(['approved', 'declined']);
  });

  it('a correction is a reversing entry: the original stays, a second reversal is refused, a corrected entry may follow', async () => {
    const v = await volunteer(org.communityA);
    const { entryId } = await credit(v.id, 240);
    const result = parseAs(
      ReverseResult,
      await staff.post(`/api/hours/entries/${entryId}/reverse`, { reason: '签退时间录错', correctedMinutes: 180 }),
    );
    expect(result.reversal).toMatchObject({ minutes: -240, reversesEntryId: entryId, source: 'correction' });
    expect(result.corrected).toMatchObject({ minutes: 180, reversesEntryId: null, reason: '签退时间录错' });
    const list = parseAs(HourEntryList, await staff.get(`/api/hours/entries?volunteerId=${v.id}`));
    expect(list.items.map((e) => e.minutes).sort((a, b) => a - b)).toEqual([-240, 180, 240]);
    expect(list.items.find((e) => e.id === entryId)).toMatchObject({
      minutes: 240,
      reversed: true,
      allowedActions: [],
    });
    expect(list.totalMinutes).toBe(180);
    expect((await staff.post(`/api/hours/entries/${entryId}/reverse`, { reason: '再来' })).json()).toMatchObject({
      code: 'hours.already_reversed',
    });
    expect(
      (await staff.post(`/api/hours/entries/${result.reversal.id}/reverse`, { reason: 'x' })).json(),
    ).toMatchObject({
      code: 'hours.not_reversible',
    });
  });
});

describe('hours: star levels', () => {
  it('thresholds per district: the national default, the Beijing preset, custom; a reversal records a revocation', async () => {
    const org2 = await buildOrg(t.app.ctx);
    const officer = await signedIn(t, ['district_officer'], [org2.district]);
    const def = parseAs(StarRule, await officer.client.get(`/api/hours/star-rule?areaCode=${org2.district}`));
    expect(def).toMatchObject({ preset: 'national', thresholds: [100, 300, 600, 1000, 1500], configured: false });
    const bj = parseAs(
      StarRule,
      await officer.client.put('/api/hours/star-rule', {
        areaCode: org2.district,
        preset: 'beijing',
        thresholds: [1, 2, 3, 4, 5],
      }),
    );
    expect(bj).toMatchObject({ preset: 'beijing', thresholds: [100, 200, 500, 800, 1000], configured: true });
    // Not the officer's district; not increasing.
    expect(
      (
        await officer.client.put('/api/hours/star-rule', {
          areaCode: org.district,
          preset: 'beijing',
          thresholds: [1, 2, 3, 4, 5],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await officer.client.put('/api/hours/star-rule', {
          areaCode: org2.district,
          preset: 'custom',
          thresholds: [10, 5, 30, 40, 50],
        })
      ).json(),
    ).toMatchObject({ code: 'hours.thresholds_order' });

    const national = await volunteer(org.communityA);
    const beijing = await volunteer(org2.communityA);
    const n = await credit(national.id, 250 * 60);
    await credit(beijing.id, 250 * 60, { areaCode: org2.communityA });
    const nMine = parseAs(MyHours, await national.client.get('/api/m/hours'));
    const bMine = parseAs(MyHours, await beijing.client.get('/api/m/hours'));
    expect(nMine.stars).toMatchObject({ level: 1, nextAtHours: 50, thresholds: [100, 300, 600, 1000, 1500] });
    expect(bMine.stars).toMatchObject({ level: 2, thresholds: [100, 200, 500, 800, 1000] });
    const inbox = await beijing.client.get('/api/notifications');
    expect(inbox.body).toContain('hours.star_awarded');

    // Below the threshold after a correction: the award stays in the history, a revocation follows it.
    await staff.post(`/api/hours/entries/${n.entryId}/reverse`, { reason: '重复录入' });
    const after = parseAs(MyHours, await national.client.get('/api/m/hours'));
    expect(after.stars?.level).toBe(0);
    expect(after.stars?.history.map((h) => `${h.level}:${h.kind}`)).toEqual(['1:awarded', '1:revoked']);
  });
});

describe('hours: certificates and exports', () => {
  it('a volunteer downloads a certificate PDF; anyone verifies its code on the public page; revoked shows revoked', async () => {
    const v = await volunteer(org.communityA);
    await credit(v.id, 150);
    expect((await v.client.post('/api/m/hours/certificates', { areaCode: org.communityA })).json()).toMatchObject({
      code: 'hours.issuer_not_set',
    });
    const set = await staff.put('/api/hours/issuer', {
      areaCode: org.communityA,
      personInCharge: '王主任',
      handlerName: '刘干事',
      contactPhone: '010-12345678',
    });
    expect(set.statusCode).toBe(200);
    const cert = parseAs(Certificate, await v.client.post('/api/m/hours/certificates', { areaCode: org.communityA }));
    expect(cert).toMatchObject({ totalMinutes: 150, maskedName: '张**', status: 'valid', entryCount: 1 });
    expect(cert.number).toMatch(/^ZYZM-\d{4}-\d{6}$/);
    expect(cert.verificationCode).toMatch(/^[A-Z2-9]{12}$/);
    const pdf = await v.client.get(`/api/m/hours/certificates/${cert.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Someone else's certificate is not theirs to download.
    const stranger = await volunteer(org.communityA);
    expect((await stranger.client.get(`/api/m/hours/certificates/${cert.id}/pdf`)).statusCode).toBe(404);

    const anonymous = new TestClient(t.app, '10.9.9.9');
    const checked = parseAs(
      CertificateVerification,
      await anonymous.get(`/api/public/certificates/${cert.verificationCode}`),
    );
    expect(checked).toMatchObject({ number: cert.number, maskedName: '张**', totalHours: '2.50', status: 'valid' });
    expect(JSON.stringify(checked)).not.toContain('张明华');
    expect((await anonymous.get('/api/public/certificates/NOSUCHCODE22')).statusCode).toBe(404);
    const revoked = parseAs(
      Certificate,
      await staff.post(`/api/hours/certificates/${cert.id}/revoke`, { reason: '时长有误' }),
    );
    expect(revoked.status).toBe('revoked');
    expect((await anonymous.get(`/api/public/certificates/${cert.verificationCode}`)).json()).toMatchObject({
      status: 'revoked',
    });
  });

  it('exports the national CSV (BOM, CRLF, hours with two decimals) and an .xlsx statement', async () => {
    const v = await volunteer(org.communityA);
    await credit(v.id, 100);
    const csv = await staff.get(`/api/hours/export/national.csv?areaCode=${org.communityA}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF' + NATIONAL_CSV_COLUMNS.join(','))).toBe(true);
    expect(csv.body).toContain('\r\n');
    expect(csv.body).toMatch(/张明华,居民身份证,[^,]*\*[^,]*,2026-02-20,1\.67,助老送餐/);
    const xlsx = await staff.get('/api/hours/export/statement.xlsx?by=community');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('汇总')!.getRow(2).getCell(1).value).toBe('一号社区');
  });
});
