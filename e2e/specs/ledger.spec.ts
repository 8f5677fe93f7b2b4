import ExcelJS from 'exceljs';
import { expect, loginAs, test } from '../fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GB 11643 check character (same rule as packages/contracts/src/id-number.ts). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

async function ledgerFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['洗面桥社区服务对象台账']);
  sheet.addRow([]);
  sheet.addRow(['姓名', '性别', '身份证号', '出生日期', '所属社区', '服务对象类别', '照护等级']);
  const stamp = String(Date.now()).slice(-3);
  const bad = idNumber(`51010719460512${stamp}`);
  // Sex is left blank on the good rows: the server derives it from the ID number.
  sheet.addRow(['测试导入甲', '', idNumber(`51010719440302${stamp}`), '', '洗面桥社区', '独居老人、低保', '黄']);
  sheet.addRow(['测试导入乙', '', idNumber(`51010719450611${stamp}`), '', '洗面桥社区', '特困', '蓝']);
  sheet.addRow(['测试坏行', '', bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0'), '', '洗面桥社区', '特困', '蓝']);
  sheet.addRow(['测试外区', '女', '', '1950.1.1', '不存在的社区', '低保', '紫']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('importing a ledger with good and bad rows shows the row report, then writes the good rows', async ({ page }) => {
  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('menu-ledger-import').click();
  const file = { name: '台账.xlsx', mimeType: XLSX, buffer: await ledgerFile() };
  await page.getByTestId('ledger-upload').setInputFiles(file);
  await page.getByTestId('ledger-submit').click();
  // Title row, blank row and headings come first, so the bad rows are Excel rows 6 and 7.
  const rows = page.getByTestId('ledger-rejected').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('td').first()).toHaveText('6');
  await expect(rows.nth(0)).toContainText('身份证号');
  await expect(rows.nth(1).locator('td').first()).toHaveText('7');
  await expect(rows.nth(1)).toContainText('不在您的辖区内');
  await expect(page.getByTestId('ledger-report')).toContainText('未写入');

  await page.getByTestId('ledger-dry-run').click(); // now a real import of the two good rows
  await page.getByTestId('ledger-upload').setInputFiles(file);
  await page.getByTestId('ledger-submit').click();
  await expect(page.getByTestId('ledger-report')).toContainText('已写入');
});

test('the exported ledger is masked', async ({ page }) => {
  await loginAs(page, 'demo-worker-a');
  await page.getByTestId('menu-clients').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const cells: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  const text = cells.join('\n');
  expect(text).toContain('身份证号');
  expect(text).toContain('已脱敏');
  expect(text).not.toMatch(/\d{17}[\dX]/);
  expect(text).not.toMatch(/(^|\D)1\d{10}(\D|$)/);
  expect(text).toMatch(/\d{3}\*{14}[\dX]/);
});
