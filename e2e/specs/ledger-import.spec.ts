import ExcelJS from 'exceljs';
import type { Download } from '@playwright/test';
import { expect, loginAs, test } from '../fixtures';

// The import screen's files: the template, the dry run's 新建 / 已存在 counts, and the error report of the rejected rows.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADINGS = ['姓名', '性别', '身份证号', '出生日期', '所属社区', '服务对象类别', '照护等级'];

/** GB 11643 check character (same rule as packages/contracts/src/id-number.ts). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function opened(download: Download): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  return workbook;
}

const texts = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));

test('download the template, check a file with a bad row, see 新建 / 已存在, download the error report', async ({
  page,
}) => {
  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('menu-ledger-import').click();

  // The template: the headings, one example row, a notes sheet.
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-template').click()]);
  expect(template.suggestedFilename()).toBe('服务对象台账导入模板.xlsx');
  const book = await opened(template);
  expect(texts(book.worksheets[0]!.getRow(1))).toEqual(expect.arrayContaining(HEADINGS));
  expect(texts(book.worksheets[0]!.getRow(2)).join(' ')).toContain('示例');
  expect(book.getWorksheet('填写说明')).toBeTruthy();

  // One person imported for real first, so the dry run below finds them already there.
  const seq = String(Date.now()).slice(-3);
  const known = ['导入已有', '', idNumber(`51010719380101${seq}`), '', '洗面桥社区', '低保', '蓝'];
  await page.getByTestId('ledger-dry-run').click();
  await page
    .getByTestId('ledger-upload')
    .setInputFiles({ name: '第一批.xlsx', mimeType: XLSX, buffer: await xlsx([HEADINGS, known]) });
  await page.getByTestId('ledger-submit').click();
  await expect(page.getByTestId('ledger-written')).toHaveAttribute('data-written', 'true');

  // The dry run of a file with that person, a new one and a bad row.
  await page.getByTestId('ledger-dry-run').click();
  const fresh = ['导入新人', '', idNumber(`51010719390202${seq}`), '', '洗面桥社区', '特困', '黄'];
  const bad = ['导入坏行', '女', '', '1950.1.1', '洗面桥社区', '低保', '紫'];
  await page
    .getByTestId('ledger-upload')
    .setInputFiles({ name: '第二批.xlsx', mimeType: XLSX, buffer: await xlsx([HEADINGS, known, fresh, bad]) });
  await page.getByTestId('ledger-submit').click();
  await expect(page.getByTestId('ledger-written')).toHaveAttribute('data-written', 'false');
  await expect(page.getByTestId('ledger-created')).toContainText('将新建');
  await expect(page.getByTestId('ledger-created')).toContainText('1');
  await expect(page.getByTestId('ledger-existing')).toContainText('1');
  const rejected = page.getByTestId('ledger-rejected').locator('tbody tr.ant-table-row');
  await expect(rejected).toHaveCount(1);
  await expect(rejected.first().locator('td').first()).toHaveText('4');

  // The error report: the bad row as uploaded, with its reason in a 错误原因 column.
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-error-report').click()]);
  const sheet = (await opened(report)).worksheets[0]!;
  const head = texts(sheet.getRow(1));
  expect(head).toContain('错误原因');
  expect(sheet.actualRowCount).toBe(2);
  const row = texts(sheet.getRow(2));
  expect(row[head.indexOf('姓名')]).toBe('导入坏行');
  expect(row[head.indexOf('照护等级')]).toBe('紫');
  expect(row[head.indexOf('错误原因')]).toContain('照护等级');
});
