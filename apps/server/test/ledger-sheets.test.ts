import ExcelJS from 'exceljs';
import { LEDGER_HEADINGS, LEDGER_REASON_HEADING, LedgerImportReport, XLSX_MIME } from '@linli/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildOrg, type TestOrg } from './factories/org';
import { ledgerFile, makeIdNumber } from './factories/care';
import { signedIn, useTestApp, type TestClient } from './harness';

// The import screen's files: the template, the dry run's 新建 / 已存在 prediction, and the error report.
const t = useTestApp({ loginLimitPerIp: 10_000, loginLimitPerUser: 10_000 });
let org: TestOrg;
let worker: TestClient;
beforeEach(async () => {
  org = await buildOrg(t.app.ctx);
  ({ client: worker } = await signedIn(t, ['community_worker'], [org.communityA, org.communityB]));
});

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)));

const HEAD = ['姓名', '性别', '身份证号', '所属社区', '照护等级'];
const person = (name: string, birth: string, tier = '蓝') => [name, '', makeIdNumber(birth), '一号社区', tier];

describe('ledger template', () => {
  it('is an .xlsx with the headings, one example row and a notes sheet, and its example row is never imported', async () => {
    const res = await worker.get('/api/care/ledger/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('服务对象台账导入模板.xlsx')}`,
    );
    const workbook = await workbookOf(res.rawPayload);
    const sheet = workbook.worksheets[0]!;
    expect(rowValues(sheet, 1)).toEqual([...LEDGER_HEADINGS]);
    const example = rowValues(sheet, 2);
    expect(example[LEDGER_HEADINGS.indexOf('姓名')]).toContain('示例');
    expect(example[LEDGER_HEADINGS.indexOf('身份证号')]).toBe('11010519491231002X');
    expect(sheet.actualRowCount).toBe(2);
    const notes = workbook.getWorksheet('填写说明');
    expect(notes).toBeDefined();
    expect(notes!.actualRowCount).toBeGreaterThan(5);
    expect(rowValues(notes!, 4)).toEqual(['身份证号', expect.stringContaining('文本')]);

    // Uploaded unchanged, the template reads (headings found) and its example row is refused, not created.
    const report = await worker.uploadAs(LedgerImportReport, '/api/care/ledger/import', res.rawPayload, XLSX_MIME);
    expect(report).toMatchObject({ total: 1, valid: 0, created: 0, toCreate: 0 });
    expect(report.rejected[0]!.reasons.map((r) => r.column)).toContain('所属社区');
  });

  it('is refused to a role that cannot import', async () => {
    const { client: officer } = await signedIn(t, ['street_officer'], [org.streetA]);
    expect((await officer.get('/api/care/ledger/template')).statusCode).toBe(403);
  });
});

describe('dry run', () => {
  it('predicts 新建 and 已存在 counts and writes nothing; the import then creates exactly those', async () => {
    const first = await ledgerFile([HEAD, person('王一', '1940-01-01'), person('王二', '1941-02-02')]);
    const written = await worker.uploadAs(LedgerImportReport, '/api/care/ledger/import', first, XLSX_MIME);
    expect(written).toMatchObject({ created: 2, toCreate: 2, skippedExisting: 0, written: true });

    const second = await ledgerFile([
      HEAD,
      person('王一', '1940-01-01'),
      person('王二', '1941-02-02'),
      person('王三', '1942-03-03'),
      ['坏行', '', '', '一号社区', '紫'],
    ]);
    const dry = await worker.uploadAs(LedgerImportReport, '/api/care/ledger/import?dryRun=true', second, XLSX_MIME);
    expect(dry).toMatchObject({ total: 4, valid: 3, toCreate: 1, skippedExisting: 2, created: 0, written: false });
    expect(dry.rejected.map((r) => r.row)).toEqual([5]);

    const real = await worker.uploadAs(LedgerImportReport, '/api/care/ledger/import', second, XLSX_MIME);
    expect(real).toMatchObject({ toCreate: 1, created: 1, skippedExisting: 2, written: true });
  });
});

describe('error report', () => {
  const badTierId = makeIdNumber('1950-05-05', 'female');
  const file = () =>
    ledgerFile([
      ['某社区台账'],
      HEAD,
      person('好人', '1945-03-02'),
      ['错等级', '女', badTierId, '一号社区', '紫'],
      ['外区人', '', '', '不存在社区', ''],
    ]);

  it('lists the rejected rows as uploaded with a 错误原因 column, in the request language, and writes nothing', async () => {
    const res = await worker.upload('/api/care/ledger/import/errors', await file(), XLSX_MIME);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const sheet = (await workbookOf(res.rawPayload)).worksheets[0]!;
    expect(rowValues(sheet, 1)).toEqual([...LEDGER_HEADINGS, LEDGER_REASON_HEADING, '原行号']);
    expect(sheet.actualRowCount).toBe(3);
    const col = (h: string) => [...LEDGER_HEADINGS, LEDGER_REASON_HEADING, '原行号'].indexOf(h);
    const tierRow = rowValues(sheet, 2);
    expect(tierRow[col('姓名')]).toBe('错等级');
    expect(tierRow[col('照护等级')]).toBe('紫');
    expect(tierRow[col('身份证号')]).toBe(badTierId);
    expect(tierRow[col(LEDGER_REASON_HEADING)]).toContain('照护等级：“紫”应为 红/黄/蓝');
    expect(tierRow[col('原行号')]).toBe('4');
    const outside = rowValues(sheet, 3);
    expect(outside[col('所属社区')]).toBe('不存在社区');
    expect(outside[col(LEDGER_REASON_HEADING)]).toContain('不在您的辖区内');
    expect(outside[col('原行号')]).toBe('5');

    const english = await worker.upload('/api/care/ledger/import/errors', await file(), XLSX_MIME, {
      'accept-language': 'en',
    });
    const enSheet = (await workbookOf(english.rawPayload)).worksheets[0]!;
    expect(rowValues(enSheet, 2)[col(LEDGER_REASON_HEADING)]).toContain('should be 红/黄/蓝');
    // Nothing was imported by asking for the report.
    const dry = await worker.uploadAs(
      LedgerImportReport,
      '/api/care/ledger/import?dryRun=true',
      await file(),
      XLSX_MIME,
    );
    expect(dry).toMatchObject({ toCreate: 1, skippedExisting: 0 });
  });

  it('sent twice with one Idempotency-Key, comes back intact both times (a file is not kept as text)', async () => {
    const headers = { 'idempotency-key': 'ledger-errors-0123456789abcdef' };
    const body = await file();
    const first = await worker.upload('/api/care/ledger/import/errors', body, XLSX_MIME, headers);
    const second = await worker.upload('/api/care/ledger/import/errors', body, XLSX_MIME, headers);
    for (const res of [first, second]) {
      expect(res.statusCode).toBe(200);
      expect((await workbookOf(res.rawPayload)).worksheets[0]!.actualRowCount).toBe(3);
    }
  });

  it('is an empty sheet under the headings when every row passes', async () => {
    const res = await worker.upload(
      '/api/care/ledger/import/errors',
      await ledgerFile([HEAD, person('好人', '1945-03-02')]),
      XLSX_MIME,
    );
    expect(res.statusCode).toBe(200);
    expect((await workbookOf(res.rawPayload)).worksheets[0]!.actualRowCount).toBe(1);
  });
});
