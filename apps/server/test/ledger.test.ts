import ExcelJS from 'exceljs';
import { ClientDetail, ClientList, LedgerImportReport, XLSX_MIME } from '@linli/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../src/platform/audit.tables';
import { buildOrg, type TestOrg } from './factories/org';
import { ledgerFile, makeIdNumber } from './factories/care';
import { expectError, signedIn, useTestApp, type TestClient } from './harness';

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
// Each test: a district of its own and a worker of its communities A and B (nothing imported yet).
let org: TestOrg;
let worker: TestClient;
let workerId: string;
beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
  ({ client: worker, id: workerId } = await signedIn(t, ['community_worker'], [org.communityA, org.communityB]));
});

async function exportAudit(actorId: string): Promise<string[]> {
  await t.app.ctx.auditWriter.flush(); // seal the audit outbox before reading the log directly
  const rows = await t.app.ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, 'client.export')));
  return rows.map((r) => r.detail ?? '');
}

const HEAD = [
  '备注',
  '姓名',
  '性别',
  '身份证号',
  '出生日期',
  '联系电话',
  '所属社区',
  '网格',
  '服务对象类别',
  '照护等级',
];
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function sampleRows() {
  const idA = makeIdNumber('1945-03-02', 'female');
  const idB = makeIdNumber('1950-07-08', 'male');
  const idC = makeIdNumber('1948-12-01', 'male');
  const bad = makeIdNumber('1952-01-01');
  const badChecksum = bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1');
  return [
    ['洗面桥社区 兜底服务对象台账（2026 年 3 月）'],
    [],
    HEAD,
    ['', '王秀英', '女', idA, '1945.3.2', 13812345678, '一号社区', '一号网格', '独居老人、低保', '红'],
    ['', '刘建国', '男', idB.replace('X', 'x'), 18452, '13900001111', '二号社区', '', '残疾人', '黄'], // 18452 = 1950-07-08 as an Excel serial
    ['全角数字', '赵德福', '男', fullWidth(idC), '', '', '一号', '', '特困', '蓝'],
    ['', '钱坏号', '男', badChecksum, '', '', '一号社区', '', '低保', '红'],
    ['', '孙外区', '女', '', '1940-01-01', '', '不存在社区', '', '低保', '紫'],
    ['', '李数字', '女', 110105194912310020, '', '', '一号社区', '', '低保', ''],
    ['', '', '', '', '', '13800000000', '一号社区', '', '', ''],
  ];
}

describe('ledger import', () => {
  it('validates every row and reports rejected rows by number with reasons in Chinese (dry run writes nothing)', async () => {
    const file = await ledgerFile(sampleRows());
    const res = await worker.upload('/api/care/ledger/import?dryRun=true', file, XLSX_MIME);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ total: 7, valid: 3, created: 0, written: false });
    const byRow = Object.fromEntries(
      report.rejected.map((r: { row: number; reasons: { message: string }[] }) => [
        r.row,
        r.reasons.map((x) => x.message).join(' | '),
      ]),
    );
    expect(Object.keys(byRow).map(Number)).toEqual([7, 8, 9, 10]);
    expect(byRow[7]).toContain('身份证号');
    expect(byRow[8]).toContain('不在您的辖区内');
    expect(byRow[8]).toContain('红/黄/蓝');
    expect(byRow[9]).toContain('被存为数字');
    expect(byRow[10]).toContain('姓名');
    expect((await worker.getAs(ClientList, '/api/care/clients?pageSize=100')).items).toEqual([]);
  });

  it('writes nothing in all-or-nothing mode when a row is bad, and the valid rows otherwise; re-import creates no duplicates', async () => {
    const file = await ledgerFile(sampleRows());
    const strict = await worker.uploadAs(
      LedgerImportReport,
      '/api/care/ledger/import?allOrNothing=true',
      file,
      XLSX_MIME,
    );
    expect(strict).toMatchObject({ created: 0, written: false });
    expect((await worker.getAs(ClientList, '/api/care/clients')).total).toBe(0);
    const lenient = await worker.uploadAs(LedgerImportReport, '/api/care/ledger/import', file, XLSX_MIME);
    expect(lenient).toMatchObject({ created: 3, skippedExisting: 0, written: true });
    const all = await worker.getAs(ClientList, '/api/care/clients?pageSize=100');
    expect(all.items.map((c) => c.name).sort()).toEqual(['刘建国', '王秀英', '赵德福'].sort());
    const wang = (await worker.getAs(ClientList, '/api/care/clients?q=wxy')).items;
    expect(wang).toEqual([
      expect.objectContaining({
        name: '王秀英',
        sex: 'female',
        tier: 'red',
        categories: ['elderly_alone', 'dibao'],
        phoneMasked: '138****5678',
        communityCode: org.communityA,
        gridCode: org.gridsA[0],
        nextVisitDue: '2026-03-09',
      }),
    ]);
    const liu = (await worker.getAs(ClientList, '/api/care/clients?q=liujianguo')).items;
    expect(liu).toEqual([expect.objectContaining({ communityCode: org.communityB, tier: 'yellow' })]);
    expect((await worker.getAs(ClientDetail, `/api/care/clients/${liu[0]!.id}`)).birthDate).toBe('1950-07-08');
    const again = await worker.uploadAs(LedgerImportReport, '/api/care/ledger/import', file, XLSX_MIME);
    expect(again).toMatchObject({ created: 0, skippedExisting: 3 });
    expect((await worker.getAs(ClientList, '/api/care/clients')).total).toBe(3);
  });

  it('refuses a file that is not a workbook or has no heading row', async () => {
    expectError(
      await worker.upload('/api/care/ledger/import', Buffer.from('not a spreadsheet'), XLSX_MIME),
      400,
      'care.ledger_unreadable',
    );
    const noHeadings = await worker.upload(
      '/api/care/ledger/import',
      await ledgerFile([
        ['a', 'b'],
        ['c', 'd'],
      ]),
      XLSX_MIME,
    );
    expectError(noHeadings, 400, 'care.ledger_unreadable');
  });
});

describe('ledger export', () => {
  it('exports the filtered list masked, with a watermark, and audits it', async () => {
    await worker.uploadAs(LedgerImportReport, '/api/care/ledger/import', await ledgerFile(sampleRows()), XLSX_MIME); // red 王, yellow 刘, blue 赵
    const res = await worker.get('/api/care/ledger/export?tier=red');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const text: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => text.push(String(cell.text))));
    expect(text[0]).toContain('导出于');
    expect(text).toContain('身份证号');
    const all = text.join('\n');
    expect(all).not.toMatch(/\d{17}[\dX]/);
    expect(all).not.toMatch(/1\d{10}/);
    expect(all).toContain('王**');
    expect(all).not.toContain('刘'); // yellow, filtered out
    expect(all).not.toContain('赵'); // blue
    expect(await exportAudit(workerId)).toEqual([expect.stringMatching(/^masked; 1 rows; /)]);
  });

  it('walks a long list through the cursor in batches, in list order (red, yellow, blue, then by pinyin)', async () => {
    // 4,500 clients straight into the table: more than two 2,000-row cursor batches.
    await t.app.ctx.db.execute(sql`
      INSERT INTO clients (id, area_code, name, name_pinyin, name_initials, categories, tier, status, version, created_at, updated_at)
      SELECT gen_random_uuid(), ${org.communityC}, '批量' || g, 'piliang' || lpad(g::text, 5, '0'), 'pl', '{dibao}',
             (ARRAY['blue', 'red', 'yellow'])[1 + g % 3], 'active', 1, now(), now()
      FROM generate_series(1, 4500) g`);
    const { client, id: supervisorId } = await signedIn(t, ['community_supervisor'], [org.communityC]);
    const res = await client.get(`/api/care/ledger/export?communityCode=${org.communityC}`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const tiers: string[] = [];
    const names: string[] = [];
    workbook.worksheets[0]!.eachRow((row, n) => {
      if (n <= 2) return;
      names.push(String(row.getCell(1).text));
      tiers.push(String(row.getCell(10).text));
    });
    expect(tiers).toHaveLength(4500);
    expect(tiers.indexOf('黄')).toBe(1500);
    expect(tiers.indexOf('蓝')).toBe(3000);
    expect(tiers.lastIndexOf('红')).toBe(1499);
    expect(names[0]).toBe('批**'); // masked
    expect(await exportAudit(supervisorId)).toEqual([expect.stringMatching(/^masked; 4500 rows; /)]);
  });

  it('imports thousands of Chinese names intact (no character split at a read-buffer boundary)', async () => {
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
    const given = '秀英桂兰玉珍建国德福淑华志强丽娟文明海燕';
    const rows: unknown[][] = [['姓名', '性别', '出生日期', '所属社区', '服务对象类别', '照护等级', '家庭住址']];
    for (let i = 0; i < 3000; i++) {
      const name = surnames[i % 20]! + given[(i * 7) % 20]! + given[(i * 13) % 20]!;
      rows.push([
        name,
        i % 2 ? '男' : '女',
        `19${30 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
        '三号社区',
        '独居老人、低保',
        ['红', '黄', '蓝'][i % 3],
        `武侯区洗面桥街${i}号`,
      ]);
    }
    const { client } = await signedIn(t, ['community_worker'], [org.communityC]);
    const report = await client.uploadAs(
      LedgerImportReport,
      '/api/care/ledger/import',
      await ledgerFile(rows),
      XLSX_MIME,
    );
    expect(report).toMatchObject({ created: 3000, rejected: [] });
    const garbled = await t.app.ctx.db.execute(
      sql`SELECT count(*)::int AS n FROM clients WHERE name LIKE ${'%\uFFFD%'} OR address LIKE ${'%\uFFFD%'}`,
    );
    expect((garbled as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});
