import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME } from '@linli/contracts';
import { HotlineImportReport, RequestFigures } from '@linli/contracts/modules/requests';
import { queryRows } from '../src/platform/db';
import { buildOrg, type TestOrg } from './factories/org';
import { ledgerFile } from './factories/care';
import { expectError, signedIn, useTestApp, type TestApp } from './harness';

// The clock stands at TEST_START (2026-03-02 09:00 Beijing): every deadline in February has passed.
const t = useTestApp();

/** A category of the district's catalogue, written as rows (the catalogue's API is another part's). */
async function category(app: TestApp, district: string, code: string, name: string, questions: unknown[] = []) {
  const id = randomUUID();
  const at = app.clock.now().toISOString();
  await app.app.ctx.db
    .execute(sql`INSERT INTO request_categories (id, area_code, code, group_name, active, current_version, created_at, updated_at)
    VALUES (${id}, ${district}, ${code}, '市政', true, 1, ${at}, ${at})`);
  await app.app.ctx.db
    .execute(sql`INSERT INTO request_category_versions (category_id, version, area_code, name, questions, default_urgency, sign_working_days, resolve_working_days, created_at)
    VALUES (${id}, 1, ${district}, ${name}, ${JSON.stringify(questions)}::jsonb, 'normal', 1, 5, ${at})`);
  return id;
}

interface Hand {
  area: string;
  category: string;
  status: string;
  created: string;
  unit?: [kind: string, area: string, department: string | null, label: string];
  signDue?: string;
  signed?: string;
  due?: string;
  resolved?: string;
  rating?: string;
}

/** One request row exactly as the test says (no workflow): the figures read only columns. */
async function hand(app: TestApp, r: Hand) {
  const ts = (v?: string) => v ?? null;
  await app.app.ctx.db.execute(sql`INSERT INTO requests (id, area_code, number, channel, category_id, category_version,
      description, urgency, status, unit_kind, unit_area_code, unit_department, unit_label, sign_due_at, signed_at, due_at,
      resolved_at, rating, created_at, updated_at)
    VALUES (${randomUUID()}, ${r.area}, ${`FT${randomUUID().slice(0, 12)}`}, 'walk_in', ${r.category}, 1, '测试', 'normal',
      ${r.status}, ${r.unit?.[0] ?? null}, ${r.unit?.[1] ?? null}, ${r.unit?.[2] ?? null}, ${r.unit?.[3] ?? null},
      ${ts(r.signDue)}::timestamptz, ${ts(r.signed)}::timestamptz, ${ts(r.due)}::timestamptz, ${ts(r.resolved)}::timestamptz,
      ${r.rating ?? null}, ${r.created}::timestamptz, ${r.created}::timestamptz)`);
}

async function figuresData(org: TestOrg) {
  const lamp = await category(t, org.district, 'lamp', '路灯损坏');
  const noise = await category(t, org.district, 'noise', '噪音扰民');
  const C: Hand['unit'] = ['community', org.communityA, null, '一号社区'];
  const S: Hand['unit'] = ['street_department', org.streetA, '城管科', '甲街道城管科'];
  const a = org.communityA;
  const rows: Hand[] = [
    // 10 h, signed and resolved on time, 满意
    {
      area: a,
      category: lamp,
      status: 'closed',
      unit: C,
      created: '2026-02-02T00:00Z',
      signDue: '2026-02-03T00:00Z',
      signed: '2026-02-02T01:00Z',
      due: '2026-02-09T00:00Z',
      resolved: '2026-02-02T10:00Z',
      rating: 'satisfied',
    },
    // 20 h, signed late, resolved on time, 基本满意
    {
      area: a,
      category: lamp,
      status: 'closed',
      unit: C,
      created: '2026-02-03T00:00Z',
      signDue: '2026-02-03T08:00Z',
      signed: '2026-02-03T09:00Z',
      due: '2026-02-10T00:00Z',
      resolved: '2026-02-03T20:00Z',
      rating: 'basically_satisfied',
    },
    // 30 h, resolved late, 未评价
    {
      area: a,
      category: lamp,
      status: 'closed',
      unit: C,
      created: '2026-02-04T00:00Z',
      signDue: '2026-02-05T00:00Z',
      signed: '2026-02-04T01:00Z',
      due: '2026-02-05T00:00Z',
      resolved: '2026-02-05T06:00Z',
      rating: 'unrated',
    },
    // 40 h, resolved late, 不满意
    {
      area: a,
      category: noise,
      status: 'closed',
      unit: C,
      created: '2026-02-05T00:00Z',
      signDue: '2026-02-06T00:00Z',
      signed: '2026-02-05T01:00Z',
      due: '2026-02-06T00:00Z',
      resolved: '2026-02-06T16:00Z',
      rating: 'dissatisfied',
    },
    // never signed, past both deadlines
    {
      area: a,
      category: noise,
      status: 'assigned',
      unit: C,
      created: '2026-02-06T00:00Z',
      signDue: '2026-02-07T00:00Z',
      due: '2026-02-13T00:00Z',
    },
    // signed on time; its deadline is still ahead (not in the 办结 base)
    {
      area: a,
      category: noise,
      status: 'in_progress',
      unit: S,
      created: '2026-02-07T00:00Z',
      signDue: '2026-03-05T00:00Z',
      signed: '2026-02-07T02:00Z',
      due: '2026-03-20T00:00Z',
    },
    // rejected at triage: received, not accepted, in no base
    { area: a, category: lamp, status: 'rejected', created: '2026-02-08T00:00Z' },
    // waiting for triage
    { area: a, category: lamp, status: 'submitted', created: '2026-02-09T00:00Z' },
    // 2026-01-31 23:59 Beijing: before the period
    { area: a, category: lamp, status: 'submitted', unit: C, created: '2026-01-31T15:59Z' },
    // another street's community: outside the supervisor's jurisdiction
    { area: org.communityC, category: lamp, status: 'submitted', created: '2026-02-10T00:00Z' },
  ];
  for (const r of rows) await hand(t, r);
}

const period = 'from=2026-02-01&to=2026-02-28';

describe('request figures', () => {
  it('counts every ratio and the percentiles exactly, per unit and per category', async () => {
    const org = await buildOrg(t.app.ctx);
    await figuresData(org);
    const { client } = await signedIn(t, ['community_supervisor'], [org.communityA]);

    const byUnit = await client.getAs(RequestFigures, `/api/requests/figures?${period}&groupBy=unit`);
    expect(byUnit.total).toMatchObject({
      received: 8,
      accepted: 7,
      acceptanceRate: 7 / 8,
      signedOnTime: 4,
      signBase: 6,
      signOnTimeRate: 4 / 6,
      resolvedOnTime: 2,
      resolveBase: 5,
      resolveOnTimeRate: 2 / 5,
      satisfied: 1,
      basicallySatisfied: 1,
      dissatisfied: 1,
      unrated: 1,
      satisfactionRate: 2 / 4,
      resolved: 4,
      medianHoursToResolve: 25,
      p90HoursToResolve: 37,
    });
    expect(byUnit.rows.map((r) => [r.kind, r.label, r.received])).toEqual([
      ['community', '一号社区', 5],
      ['unrouted', '', 2],
      ['street_department', '甲街道城管科', 1],
    ]);
    const [community, unrouted, street] = byUnit.rows;
    expect(community).toMatchObject({
      accepted: 5,
      signedOnTime: 3,
      signBase: 5,
      signOnTimeRate: 3 / 5,
      resolvedOnTime: 2,
      resolveBase: 5,
      resolveOnTimeRate: 2 / 5,
      satisfactionRate: 2 / 4,
      medianHoursToResolve: 25,
      p90HoursToResolve: 37,
    });
    expect(unrouted).toMatchObject({
      accepted: 1,
      acceptanceRate: 1 / 2,
      signBase: 0,
      signOnTimeRate: null,
      resolveBase: 0,
      resolveOnTimeRate: null,
      satisfactionRate: null,
      medianHoursToResolve: null,
    });
    expect(street).toMatchObject({
      signOnTimeRate: 1,
      resolveBase: 0,
      resolveOnTimeRate: null,
      resolved: 0,
      p90HoursToResolve: null,
    });

    const byCategory = await client.getAs(RequestFigures, `/api/requests/figures?${period}&groupBy=category`);
    expect(byCategory.rows.map((r) => [r.kind, r.label])).toEqual([
      ['lamp', '路灯损坏'],
      ['noise', '噪音扰民'],
    ]);
    expect(byCategory.rows[0]).toMatchObject({
      received: 5,
      accepted: 4,
      signOnTimeRate: 2 / 3,
      resolveOnTimeRate: 2 / 3,
      satisfactionRate: 2 / 3,
      unrated: 1,
      medianHoursToResolve: 20,
      p90HoursToResolve: 28,
    });
    expect(byCategory.rows[1]).toMatchObject({
      received: 3,
      signOnTimeRate: 2 / 3,
      resolvedOnTime: 0,
      resolveBase: 2,
      resolveOnTimeRate: 0,
      satisfactionRate: 0,
      medianHoursToResolve: 40,
      p90HoursToResolve: 40,
    });
  });

  it('keeps to the jurisdiction and a sane period', async () => {
    const org = await buildOrg(t.app.ctx);
    await figuresData(org);
    const { client } = await signedIn(t, ['community_supervisor'], [org.communityA]);
    expectError(await client.get(`/api/requests/figures?${period}&areaCode=${org.communityC}`), 404, 'area.not_found');
    expectError(
      await client.get('/api/requests/figures?from=2026-03-01&to=2026-02-01'),
      400,
      'requests.figures_period',
    );
    const street = await signedIn(t, ['street_officer'], [org.streetB]);
    const theirs = await street.client.getAs(RequestFigures, `/api/requests/figures?${period}`);
    expect(theirs.total.received).toBe(1);
    const { client: worker } = await signedIn(t, ['grid_worker'], [org.gridsA[0]!]);
    expectError(await worker.get(`/api/requests/figures?${period}`), 403);
  });

  it('exports the period as a masked ledger, audited', async () => {
    const org = await buildOrg(t.app.ctx);
    await figuresData(org);
    const { client, id } = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const res = await client.get(`/api/requests/ledger/export?${period}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(2).values as string[]).slice(1);
    expect(headings.slice(0, 3)).toEqual(['诉求编号', '受理渠道', '诉求类别']);
    const data = [] as string[][];
    sheet.eachRow((row, n) => {
      if (n > 2) data.push((row.values as string[]).slice(1));
    });
    expect(data).toHaveLength(8);
    const col = (h: string) => headings.indexOf(h);
    expect(data[0]![col('受理时间')]).toBe('2026-02-02 08:00');
    expect(data[0]![col('是否按时办结')]).toBe('是');
    expect(data[0]![col('满意度评价')]).toBe('满意');
    expect(data[2]![col('是否按时办结')]).toBe('否');
    expect(data[4]![col('是否按时办结')]).toBe('否');
    expect(data[5]![col('是否按时办结')]).toBeUndefined();
    const [audit] = await queryRows(
      t.app.ctx.db,
      sql`SELECT detail FROM audit_pending WHERE actor_id = ${id} AND action = 'request.export'
          UNION ALL SELECT detail FROM audit_log WHERE actor_id = ${id} AND action = 'request.export'`,
    );
    expect(String(audit?.detail)).toContain('masked; 8 rows');
  });
});

const HEAD = ['工单编号', '来电时间', '诉求人', '联系电话', '诉求类别', '诉求内容', '所属社区', '地址', '紧急程度'];

describe('12345 work-order import', () => {
  it('checks, imports all or nothing, and answers 已存在 on a second import', async () => {
    const org = await buildOrg(t.app.ctx);
    await category(t, org.district, 'lamp', '路灯损坏');
    const { client } = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const good = [
      [
        'GD2026020100001',
        '2026-02-01 09:30',
        '张三',
        '13800001234',
        '路灯损坏',
        '东门路灯不亮',
        '一号社区',
        '东门',
        '一般',
      ],
      ['GD2026020100002', '2026/2/1 10:05', '', '', 'lamp', '3号楼前路灯闪烁', org.communityA, '', '紧急'],
    ];
    const bad = ['GD2026020100003', '昨天下午', '李四', '13800005678', '不存在的类别', '', '三号社区', '', '很急'];

    const refused = await client.uploadAs(
      HotlineImportReport,
      '/api/requests/import',
      await ledgerFile([HEAD, ...good, bad]),
      XLSX_MIME,
    );
    expect(refused).toMatchObject({ total: 3, valid: 2, toCreate: 2, created: 0, skippedExisting: 0, written: false });
    expect(refused.rejected).toHaveLength(1);
    expect(refused.rejected[0]!.row).toBe(4);
    expect(refused.rejected[0]!.reasons.map((r) => [r.column, r.code])).toEqual([
      ['诉求内容', 'field.required'],
      ['来电时间', 'requests.import_time_unreadable'],
      ['所属社区', 'care.ledger_community_unknown'],
      ['紧急程度', 'organisations.import_unknown_value'],
    ]);
    const count = async () =>
      Number(
        (
          await queryRows(
            t.app.ctx.db,
            sql`SELECT count(*)::int AS n FROM requests WHERE area_code = ${org.communityA} AND channel = 'hotline_12345'`,
          )
        )[0]!.n,
      );
    expect(await count()).toBe(0);

    const errors = await client.upload(
      '/api/requests/import/errors',
      await ledgerFile([HEAD, ...good, bad]),
      XLSX_MIME,
    );
    expect(errors.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(errors.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(2);

    const file = await ledgerFile([HEAD, ...good]);
    const dry = await client.uploadAs(HotlineImportReport, '/api/requests/import?dryRun=true', file, XLSX_MIME);
    expect(dry).toMatchObject({ total: 2, toCreate: 2, created: 0, written: false, rejected: [] });
    expect(await count()).toBe(0);

    const done = await client.uploadAs(HotlineImportReport, '/api/requests/import', file, XLSX_MIME);
    expect(done).toMatchObject({ total: 2, toCreate: 2, created: 2, skippedExisting: 0, written: true, rejected: [] });
    const rows = await queryRows(
      t.app.ctx.db,
      sql`SELECT external_ref, channel, status, urgency, created_at, requester_name_masked, requester_phone_masked
          FROM requests WHERE area_code = ${org.communityA} ORDER BY external_ref`,
    );
    expect(
      rows.map((r) => [r.external_ref, r.channel, r.status, r.urgency, new Date(String(r.created_at)).toISOString()]),
    ).toEqual([
      ['GD2026020100001', 'hotline_12345', 'submitted', 'normal', '2026-02-01T01:30:00.000Z'],
      ['GD2026020100002', 'hotline_12345', 'submitted', 'urgent', '2026-02-01T02:05:00.000Z'],
    ]);
    expect(rows[0]!.requester_name_masked).toBe('张*');
    expect(rows[0]!.requester_phone_masked).toBe('138****1234');

    const again = await client.uploadAs(HotlineImportReport, '/api/requests/import', file, XLSX_MIME);
    expect(again).toMatchObject({
      total: 2,
      toCreate: 0,
      created: 0,
      skippedExisting: 2,
      written: false,
      rejected: [],
    });
    expect(await count()).toBe(2);
  });

  it('refuses repeated numbers in a file, a foreign community and a template that is not a work-order sheet', async () => {
    const org = await buildOrg(t.app.ctx);
    await category(t, org.district, 'lamp', '路灯损坏');
    const { client } = await signedIn(t, ['community_supervisor'], [org.communityA]);
    const row = ['GD1', '2026-02-01 09:30', '', '', '路灯损坏', '路灯不亮', '一号社区', '', ''];
    const report = await client.uploadAs(
      HotlineImportReport,
      '/api/requests/import?dryRun=true',
      await ledgerFile([HEAD, row, row, ['GD2', ...row.slice(1, 6), org.communityC, '', '']]),
      XLSX_MIME,
    );
    expect(report.rejected.map((r) => [r.row, r.reasons.map((x) => x.code)])).toEqual([
      [3, ['care.ledger_id_repeated']],
      [4, ['care.ledger_community_unknown']],
    ]);
    expectError(
      await client.upload(
        '/api/requests/import',
        await ledgerFile([
          ['姓名', '性别'],
          ['张三', '男'],
        ]),
        XLSX_MIME,
      ),
      400,
      'requests.import_unreadable',
    );
    // A category whose form asks a required question cannot come from a work order: intake refuses the row, and
    // with it the whole file.
    await category(t, org.district, 'lift', '电梯故障', [
      { code: 'building', label: '楼栋', datatype: 'string', required: true },
    ]);
    const refused = await client.uploadAs(
      HotlineImportReport,
      '/api/requests/import',
      await ledgerFile([HEAD, ['GD3', ...row.slice(1)], ['GD4', ...row.slice(1, 4), '电梯故障', ...row.slice(5)]]),
      XLSX_MIME,
    );
    expect(refused).toMatchObject({ total: 2, created: 0, written: false });
    expect(refused.rejected.map((r) => [r.row, r.reasons.map((x) => [x.column, x.code])])).toEqual([
      [3, [['诉求类别', 'field.required']]],
    ]);
    const written = await queryRows(t.app.ctx.db, sql`SELECT 1 FROM requests WHERE area_code = ${org.communityA}`);
    expect(written).toEqual([]);
    const template = await client.get('/api/requests/import/template');
    expect(template.statusCode).toBe(200);
  });
});
