import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME, usccCheckCharacter } from '@linli/contracts';
import {
  AllianceDetail,
  OrganisationContacts,
  OrganisationDetail,
  OrganisationImportReport,
  OrganisationList,
} from '@linli/contracts/modules/organisations';
import { ORGANISATION_KINDS, OrganisationCreateInput as CreateInput } from '@linli/contracts/modules/organisations';
import { demoPartners } from '../src/db/seed/organisations-demo';
import { findOrganisationInScope } from '../src/modules/organisations';
import { auditLog } from '../src/platform/audit.tables';
import { ledgerFile } from './factories/care';
import { buildOrg } from './factories/org';
import { expectError, signedIn, useTestApp, type TestClient } from './harness';

// Every test starts at 2026-03-02 09:00 (China), in a district of its own; pact documents go to a temporary data dir.
const t = useTestApp({
  loginLimitPerIp: 10_000,
  loginLimitPerUser: 10_000,
  dataDir: mkdtempSync(path.join(tmpdir(), 'linli-orgs-')),
});

let serial = 0;
/** A valid USCC (a 社会服务机构 registered in 510107), different every call. */
function uscc(kindDigits = '52'): string {
  serial += 1;
  const body = `${kindDigits}510107${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(6, '0')}`;
  return body + usccCheckCharacter(body)!;
}

async function community() {
  const org = await buildOrg(t.app.ctx);
  const worker = await signedIn(t, ['community_worker'], [org.communityA]);
  const supervisor = await signedIn(t, ['community_supervisor'], [org.communityA]);
  return {
    org,
    worker: worker.client,
    workerId: worker.id,
    supervisor: supervisor.client,
    supervisorId: supervisor.id,
  };
}

const agency = (areaCode: string, extra: Record<string, unknown> = {}) => ({
  areaCode,
  kind: 'social_organisation',
  subtype: 'social_service_agency',
  name: '阳光社会工作服务中心',
  uscc: uscc(),
  serviceFields: ['elderly', 'psychology'],
  rating: '4A',
  ratedOn: '2022-05-10',
  contacts: [{ name: '李晓明', role: '主任', phone: '13912345678' }],
  ...extra,
});

async function auditActions(userId: string, action: string) {
  await t.app.ctx.auditWriter.flush();
  return t.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, userId), eq(auditLog.action, action)));
}

const create = (client: TestClient, body: unknown) => client.postAs(OrganisationDetail, '/api/organisations', body);

describe('partner register', () => {
  it('creates, edits with the version and disables a partner; the history records each change', async () => {
    const { org, worker } = await community();
    const created = await create(worker, agency(org.communityA, { serviceAreaCodes: [org.streetA] }));
    expect(created).toMatchObject({
      kind: 'social_organisation',
      rating: '4A',
      ratingExpiresOn: '2027-05-10',
      ratingExpired: false,
      serviceAreaCodes: [org.streetA],
      contacts: [{ name: '李**', role: '主任', phone: '139****5678', revealed: false }],
      allowedActions: ['update', 'disable'],
      version: 1,
    });
    const { id, areaCode: _a, allowedActions: _b, ...rest } = created;
    const input = { ...agency(org.communityA), uscc: created.uscc, address: '幸福路 8 号', version: 1 };
    delete (input as { areaCode?: string }).areaCode;
    t.clock.advance(60_000); // history is newest first: each step a minute apart
    const edited = await worker.putAs(OrganisationDetail, `/api/organisations/${id}`, {
      ...input,
      contacts: [{ id: created.contacts[0]!.id, name: '李晓明', role: '主任' }],
    });
    expect(edited).toMatchObject({ address: '幸福路 8 号', version: 2, contacts: [{ phone: '139****5678' }] });
    expectError(await worker.put(`/api/organisations/${id}`, input), 409, 'common.conflict');
    t.clock.advance(60_000);
    const disabled = await worker.postAs(OrganisationDetail, `/api/organisations/${id}/status`, {
      status: 'disabled',
      version: 2,
    });
    expect(disabled.status).toBe('disabled');
    expect(disabled.history.map((h) => h.kind)).toEqual(['disabled', 'updated', 'created']);
    expect(disabled.history[1]!.fields).toEqual(['address', 'serviceAreaCodes']);
    expect(disabled.history[1]!.changes).toEqual([{ field: 'address', before: null, after: '幸福路 8 号' }]);
    expect(rest.name).toBe('阳光社会工作服务中心');
  });

  it('refuses a wrong USCC check character with its field message, and a USCC for a kind that has none', async () => {
    const { org, worker } = await community();
    const good = uscc();
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const body = expectError(await worker.post('/api/organisations', agency(org.communityA, { uscc: wrong })), 400);
    expect(body.fields).toEqual([
      expect.objectContaining({
        path: 'uscc',
        code: 'organisations.uscc_check',
        message: '统一社会信用代码校验位不正确',
      }),
    ]);
    const en = await worker.request('POST', '/api/organisations', agency(org.communityA, { uscc: wrong }), {
      'accept-language': 'en',
    });
    expect(expectError(en, 400).fields![0]!.message).toBe(
      'The check character of the unified social credit code is wrong',
    );
    const expert = { areaCode: org.communityA, kind: 'expert', name: '赵医生', expertField: '老年医学', uscc: good };
    expect(expectError(await worker.post('/api/organisations', expert), 400).fields![0]!.code).toBe(
      'organisations.uscc_not_applicable',
    );
    const made = await create(worker, { ...expert, uscc: null, expertQualification: '主任医师' });
    expect(made).toMatchObject({ kind: 'expert', uscc: null, expertField: '老年医学' });
    await create(worker, agency(org.communityA, { uscc: good }));
    expect(
      expectError(await worker.post('/api/organisations', agency(org.communityA, { uscc: good })), 400).fields![0]!
        .code,
    ).toBe('organisations.uscc_exists');
  });

  it('shows a rating as expired five years after its assessment date', async () => {
    const { org, worker } = await community();
    const old = await create(worker, agency(org.communityA, { ratedOn: '2021-03-01', name: '老牌社工站' }));
    const fresh = await create(worker, agency(org.communityA, { ratedOn: '2021-03-02', name: '新评社工站' }));
    expect([old.ratingExpiresOn, old.ratingExpired]).toEqual(['2026-03-01', true]);
    expect([fresh.ratingExpiresOn, fresh.ratingExpired]).toEqual(['2026-03-02', false]);
  });

  it('is area-scoped: another district reads nothing; a served community reads a street-held partner', async () => {
    const { org, worker } = await community();
    const mine = await create(worker, agency(org.communityA));
    const other = await buildOrg(t.app.ctx);
    const outsider = (await signedIn(t, ['community_worker'], [other.communityA])).client;
    expectError(await outsider.get(`/api/organisations/${mine.id}`), 404, 'organisations.not_found');
    expectError(await outsider.put(`/api/organisations/${mine.id}`, { ...agency(org.communityA), version: 1 }), 404);
    expect((await outsider.getAs(OrganisationList, '/api/organisations')).total).toBe(0);
    expectError(await outsider.post('/api/organisations', agency(org.communityA)), 404, 'area.not_found');
    const neighbour = (await signedIn(t, ['community_worker'], [org.communityB])).client;
    expectError(await neighbour.get(`/api/organisations/${mine.id}`), 404);
    // A partner of community A that also serves the whole street is readable (not writable) in community B.
    const serving = await create(
      worker,
      agency(org.communityA, { serviceAreaCodes: [org.streetA], name: '全街道服务中心' }),
    );
    const seen = await neighbour.getAs(OrganisationDetail, `/api/organisations/${serving.id}`);
    expect(seen.allowedActions).toEqual([]);
    expect((await neighbour.getAs(OrganisationList, '/api/organisations')).items.map((o) => o.id)).toEqual([
      serving.id,
    ]);
    const workerB = { scopePrefixes: [org.communityB] };
    expect(await findOrganisationInScope(t.app.ctx, null, workerB, serving.id)).toMatchObject({
      name: '全街道服务中心',
    });
    expect(await findOrganisationInScope(t.app.ctx, null, workerB, mine.id)).toBeNull();
    const partnerOnly = (await signedIn(t, ['partner_member'], [org.communityA])).client;
    expect((await partnerOnly.get('/api/organisations')).statusCode).toBe(404);
  });

  it('filters by kind, service field, rating and pinyin (full and initials)', async () => {
    const { org, worker } = await community();
    const sun = await create(worker, agency(org.communityA));
    const expert = await create(worker, {
      areaCode: org.communityA,
      kind: 'expert',
      name: '钱律师',
      expertField: '婚姻家事',
      serviceFields: ['legal'],
    });
    const list = async (query: string) =>
      (await worker.getAs(OrganisationList, `/api/organisations?${query}`)).items.map((o) => o.id);
    expect(await list('kind=expert')).toEqual([expert.id]);
    expect(await list('serviceField=psychology')).toEqual([sun.id]);
    expect(await list('rating=4A')).toEqual([sun.id]);
    expect(await list('q=ygsh')).toEqual([sun.id]);
    expect(await list('q=qianlv')).toEqual([expert.id]);
    expect(await list('q=阳光')).toEqual([sun.id]);
    expect(await list(`areaCode=${org.communityA}&pageSize=1`)).toHaveLength(1);
  });

  it('masks contacts; a supervisor reveals them, audited; a worker may not', async () => {
    const { org, worker, supervisor, supervisorId } = await community();
    const made = await create(worker, agency(org.communityA));
    const detail = await supervisor.getAs(OrganisationDetail, `/api/organisations/${made.id}`);
    expect(detail.allowedActions).toContain('reveal');
    expect(detail.contacts[0]).toMatchObject({ name: '李**', phone: '139****5678' });
    expect((await worker.post(`/api/organisations/${made.id}/contacts/reveal`)).statusCode).toBe(403);
    const shown = await supervisor.postAs(OrganisationContacts, `/api/organisations/${made.id}/contacts/reveal`);
    expect(shown.items).toEqual([expect.objectContaining({ name: '李晓明', phone: '13912345678', revealed: true })]);
    const rows = await auditActions(supervisorId, 'organisation.contact_reveal');
    expect(rows.map((r) => r.objectIds)).toEqual([[made.id]]);
  });
});

describe('register import and export', () => {
  const headings = ['名称', '类别', '子类别', '统一社会信用代码', '所属社区', '服务领域', '评估等级', '评估日期'];

  it('dry-runs, then imports all rows or none; rejected rows are reported per cell, and as a file', async () => {
    const { org, worker } = await community();
    const existing = await create(worker, agency(org.communityA));
    const good = [
      ['红星小学', '共建单位', '学校', uscc('12'), org.communityA, '教育培训', '', ''],
      ['邻里互助会', '社区社会组织', '', '', org.communityA, '志愿服务、养老服务', '', ''],
      [existing.name, '社会组织', '社会服务机构', existing.uscc!, org.communityA, '', '', ''],
    ];
    const bad = ['错码商户', '商户', '', '91350100M000100Y44', org.communityA, '烹饪', '', ''];
    const withError = await ledgerFile([headings, ...good, bad]);
    const dry = await worker.uploadAs(
      OrganisationImportReport,
      '/api/organisations/import?dryRun=true',
      withError,
      XLSX_MIME,
    );
    expect(dry).toMatchObject({ total: 4, valid: 3, toCreate: 2, skippedExisting: 1, created: 0, written: false });
    expect(dry.rejected).toEqual([
      {
        row: 5,
        reasons: [
          expect.objectContaining({
            column: '服务领域',
            code: 'organisations.import_unknown_value',
            message: '服务领域：无法识别“烹饪”',
          }),
          expect.objectContaining({ column: '统一社会信用代码', code: 'organisations.uscc_check' }),
        ],
      },
    ]);
    // All or nothing: with a rejected row nothing is written.
    const refused = await worker.uploadAs(OrganisationImportReport, '/api/organisations/import', withError, XLSX_MIME);
    expect(refused.written).toBe(false);
    const errors = await worker.upload('/api/organisations/import/errors', withError, XLSX_MIME);
    expect(errors.statusCode).toBe(200);
    const text = await sheetText(errors.rawPayload);
    expect(text).toContain('错码商户');
    expect(text).toContain('统一社会信用代码校验位不正确');
    const imported = await worker.uploadAs(
      OrganisationImportReport,
      '/api/organisations/import',
      await ledgerFile([headings, ...good]),
      XLSX_MIME,
    );
    expect(imported).toMatchObject({ total: 3, created: 2, skippedExisting: 1, written: true, rejected: [] });
    const names = (await worker.getAs(OrganisationList, '/api/organisations')).items.map((o) => o.name);
    expect(names.sort()).toEqual(['红星小学', '邻里互助会', existing.name].sort());
    expectError(
      await worker.upload('/api/organisations/import', Buffer.from('not a zip'), XLSX_MIME),
      400,
      'organisations.import_unreadable',
    );
  });

  it('exports the register as a real .xlsx that reads back with the register headings', async () => {
    const { org, worker } = await community();
    await create(worker, agency(org.communityA, { name: '=HYPERLINK("x")' }));
    await create(worker, { areaCode: org.communityA, kind: 'expert', name: '孙心理', expertField: '心理咨询' });
    const res = await worker.get('/api/organisations/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]!.slice(0, 4)).toEqual(['名称', '类别', '子类别', '统一社会信用代码']);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['\'=HYPERLINK("x")', '社会组织'],
      ['孙心理', '专家'],
    ]);
  });
});

describe('demo data', () => {
  it('has partners of every kind, each valid for the form (a valid USCC wherever the kind has one)', () => {
    const partners = demoPartners('510107001004', '510107001005', '510107001000');
    expect(new Set(partners.map((p) => p.kind))).toEqual(new Set(ORGANISATION_KINDS));
    for (const { key: _key, ...p } of partners) expect(CreateInput.safeParse(p).error, p.name).toBeUndefined();
  });
});

describe('alliances', () => {
  it('records members with a pact document, a rotating chair and commitments with status', async () => {
    const { org, worker, workerId } = await community();
    const a = await create(
      worker,
      agency(org.communityA, {
        name: '红旗医院',
        kind: 'co_building_unit',
        subtype: 'hospital',
        uscc: uscc('12'),
        rating: null,
        ratedOn: null,
      }),
    );
    const b = await create(
      worker,
      agency(org.communityA, {
        name: '江城物业',
        kind: 'property_company',
        subtype: null,
        uscc: uscc('91'),
        rating: null,
        ratedOn: null,
      }),
    );
    let alliance = await worker.postAs(AllianceDetail, '/api/organisations/alliances', {
      areaCode: org.communityA,
      name: '幸福社区党建联盟',
      type: 'party_building',
    });
    const path = `/api/organisations/alliances/${alliance.id}`;
    await worker.postAs(AllianceDetail, `${path}/members`, { organisationId: a.id, joinedOn: '2026-01-10' });
    alliance = await worker.postAs(AllianceDetail, `${path}/members`, { organisationId: b.id, joinedOn: '2026-01-10' });
    expect(alliance.memberCount).toBe(2);
    const memberA = alliance.members.find((m) => m.organisationId === a.id)!;
    const pdf = Buffer.from('%PDF-1.4\n联盟公约\n%%EOF\n');
    alliance = await worker.uploadAs(
      AllianceDetail,
      `/api/organisations/alliance-members/${memberA.id}/pact?signedOn=2026-01-15`,
      pdf,
      'application/pdf',
    );
    expect(alliance.members.find((m) => m.id === memberA.id)).toMatchObject({
      pactSignedOn: '2026-01-15',
      pact: { size: pdf.length },
    });
    const back = await worker.get(`/api/organisations/alliance-members/${memberA.id}/pact`);
    expect([back.statusCode, back.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(back.rawPayload.equals(pdf)).toBe(true);
    expectError(
      await worker.upload(
        `/api/organisations/alliance-members/${memberA.id}/pact`,
        Buffer.from('hello'),
        'application/pdf',
      ),
      400,
      'organisations.pact_type',
    );
    alliance = await worker.postAs(AllianceDetail, `${path}/chairs`, {
      organisationId: a.id,
      fromOn: '2026-01-01',
      toOn: '2026-06-30',
    });
    expect(alliance.chairs).toEqual([expect.objectContaining({ organisationId: a.id, current: true })]);
    expect(
      expectError(
        await worker.post(`${path}/chairs`, { organisationId: b.id, fromOn: '2026-06-01', toOn: '2026-12-31' }),
        400,
      ).fields![0]!.code,
    ).toBe('organisations.chair_overlap');
    alliance = await worker.postAs(AllianceDetail, `${path}/commitments`, {
      organisationId: b.id,
      text: '免费维修楼道灯',
      dueOn: '2026-06-30',
    });
    const pledge = alliance.commitments[0]!;
    alliance = await worker.postAs(AllianceDetail, `/api/organisations/alliance-commitments/${pledge.id}/status`, {
      status: 'done',
    });
    expect(alliance.commitments.map((c) => [c.text, c.status])).toEqual([['免费维修楼道灯', 'done']]);
    const detailA = await worker.getAs(OrganisationDetail, `/api/organisations/${a.id}`);
    expect(detailA.alliances).toEqual([
      expect.objectContaining({ allianceName: '幸福社区党建联盟', chairNow: true, pactSignedOn: '2026-01-15' }),
    ]);
    expect((await auditActions(workerId, 'alliance.pact_upload')).length).toBe(1);
    const other = await buildOrg(t.app.ctx);
    const outsider = (await signedIn(t, ['community_worker'], [other.communityA])).client;
    expectError(await outsider.get(path), 404, 'organisations.alliance_not_found');
    expectError(await outsider.get(`/api/organisations/alliance-members/${memberA.id}/pact`), 404);
  });
});

async function sheetText(payload: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const text: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => text.push(String(cell.text))));
  return text.join('\n');
}
