import ExcelJS from 'exceljs';
import { LedgerImportReport, XLSX_MIME } from '@linli/contracts';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildOrg, type TestOrg } from './factories/org';
import { ledgerFile } from './factories/care';
import { signedIn, useTestApp, type TestClient } from './harness';

// The import reads, checks and writes a file batch by batch (2,000 rows a batch) in one transaction: what a file
// larger than a batch, merged cells and odd text must still get as when the whole file was read first.

const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
let org: TestOrg;
let worker: TestClient;
beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
  ({ client: worker } = await signedIn(t, ['community_worker'], [org.communityA, org.communityC]));
});

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.app.ctx.db.execute(query);
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

const upload = (path: string, file: Buffer) => worker.uploadAs(LedgerImportReport, path, file, XLSX_MIME);

describe('ledger import in batches', () => {
  it('is all-or-nothing across batches, and never takes a row it wrote itself for an existing client', async () => {
    // 4,500 rows without ID numbers: 400 names over 30 birth dates, so rows of later batches share pinyin and birth
    // date with rows written by earlier ones. Each is a person of its own (only the register before the import counts).
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
    const given = '秀英桂兰玉珍建国德福淑华志强丽娟文明海燕';
    const rows: unknown[][] = [['姓名', '性别', '出生日期', '所属社区', '服务对象类别', '照护等级']];
    for (let i = 0; i < 4500; i++) {
      const name = surnames[i % 20]! + given[(i * 7) % 20]! + given[(i * 13) % 20]!;
      rows.push([
        name,
        i % 2 ? '男' : '女',
        `1940-01-${String((i % 30) + 1).padStart(2, '0')}`,
        '三号社区',
        '低保',
        '蓝',
      ]);
    }
    rows.push(['坏等级', '女', '1940-02-01', '三号社区', '低保', '紫']); // row 4502, in the third batch
    const file = await ledgerFile(rows);

    const strict = await upload('/api/care/ledger/import?allOrNothing=true', file);
    expect(strict).toMatchObject({ total: 4501, valid: 4500, toCreate: 4500, created: 0, written: false });
    expect(strict.rejected.map((r) => r.row)).toEqual([4502]);
    const inC = sql`SELECT count(*)::int AS n FROM clients WHERE area_code = ${org.communityC}`;
    expect(await count(inC)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM visits WHERE area_code = ${org.communityC}`)).toBe(0);

    const lenient = await upload('/api/care/ledger/import', file);
    expect(lenient).toMatchObject({ toCreate: 4500, created: 4500, skippedExisting: 0, written: true });
    expect(await count(inC)).toBe(4500);
    const planned = sql`SELECT count(*)::int AS n FROM visits WHERE area_code = ${org.communityC} AND status = 'planned'`;
    expect(await count(planned)).toBe(4500);

    // Now they are in the register: the same file again creates nothing.
    const again = await upload('/api/care/ledger/import?dryRun=true', file);
    expect(again).toMatchObject({ toCreate: 0, skippedExisting: 4500 });
  });

  it('gives every row of a merged block the merged community (the file is read whole again)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['姓名', '性别', '出生日期', '所属社区', '服务对象类别']);
    sheet.addRow(['甲老人', '女', '1940-01-01', '一号社区', '低保']);
    sheet.addRow(['乙老人', '男', '1941-01-01', '', '低保']);
    sheet.addRow(['丙老人', '女', '1942-01-01', '', '低保']);
    sheet.mergeCells('D2:D4');
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await upload('/api/care/ledger/import?dryRun=true', file)).toMatchObject({ toCreate: 3, rejected: [] });
    expect(await upload('/api/care/ledger/import', file)).toMatchObject({ created: 3, rejected: [], written: true });
    expect(await count(sql`SELECT count(*)::int AS n FROM clients WHERE area_code = ${org.communityA}`)).toBe(3);
  });

  it('stores text with quotes, backslashes, commas, braces and the word NULL as written', async () => {
    const address = '武侯区"引号"路\\1号, {大院} NULL';
    const file = await ledgerFile([
      ['姓名', '性别', '出生日期', '所属社区', '家庭住址', '服务对象类别'],
      ['引号老人', '女', '1940-01-01', '一号社区', address, '低保'],
      ['空址老人', '男', '1941-01-01', '一号社区', 'NULL', '低保'],
    ]);
    expect(await upload('/api/care/ledger/import', file)).toMatchObject({ created: 2 });
    const result = await t.app.ctx.db.execute(
      sql`SELECT name, address FROM clients WHERE area_code = ${org.communityA} ORDER BY name_pinyin`,
    );
    expect((result as unknown as { rows: { name: string; address: string }[] }).rows).toEqual([
      { name: '空址老人', address: 'NULL' },
      { name: '引号老人', address },
    ]);
  });
});
