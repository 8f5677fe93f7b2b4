import ExcelJS from 'exceljs';
import { expect, loginAs, test } from '../fixtures';

// 12345 工单导入 and 诉求统计: a supervisor checks a file of work orders (one bad row: nothing written), imports the
// good ones, imports them again (已存在), and finds them in the period's figures.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEAD = ['工单编号', '来电时间', '诉求人', '联系电话', '诉求类别', '诉求内容', '所属社区', '地址', '紧急程度'];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('12345工单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Category {
  id: string;
  name: string;
  questions: { required: boolean }[];
}

test('import 12345 work orders all or nothing, then see them in the figures', async ({ page, seed }) => {
  // Two uploads, an import and the figures page (its chart library loads on first use): more than the default 30 s
  // on a loaded machine.
  test.slow();
  const supervisor = await seed.as('demo-supervisor-a');
  const catalogue = await supervisor.getOk<{ items: Category[] }>('/api/requests/catalogue/categories');
  const category = catalogue.items.find((c) => c.questions.every((q) => !q.required));
  expect(category, 'a demo category without required questions').toBeTruthy();
  const stamp = String(Date.now());
  // An hour ago, Beijing time (the figures below ask for that day).
  const called = new Date(Date.now() + 8 * 3600_000 - 3600_000);
  const when = called.toISOString().slice(0, 16).replace('T', ' ');
  const good = [
    `GD${stamp}1`,
    when,
    '王五',
    '13800009999',
    category!.name,
    '楼道灯不亮',
    '洗面桥社区',
    '3号楼',
    '一般',
  ];
  const bad = [`GD${stamp}2`, '明天', '', '', '没有这个类别', '', '洗面桥社区', '', ''];

  await loginAs(page, 'demo-supervisor-a');
  await page.getByTestId('menu-requests-import').click();
  const upload = (name: string, rows: unknown[][]) =>
    xlsx([HEAD, ...rows]).then((buffer) =>
      page.getByTestId('hotline-upload').setInputFiles({ name, mimeType: XLSX, buffer }),
    );

  await upload('有错.xlsx', [good, bad]);
  await page.getByTestId('hotline-import-check').click();
  await expect(page.getByTestId('hotline-import-written')).toHaveAttribute('data-written', 'false');
  await expect(page.getByTestId('hotline-import-rejected').locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(page.getByTestId('hotline-import-submit')).toBeDisabled();

  await upload('工单.xlsx', [good]);
  await page.getByTestId('hotline-import-check').click();
  await expect(page.getByTestId('hotline-import-created')).toContainText('1');
  await page.getByTestId('hotline-import-submit').click();
  await expect(page.getByTestId('hotline-import-written')).toHaveAttribute('data-written', 'true');

  // The same work order again (a new upload: the same file's check would be answered from its Idempotency-Key).
  await upload('工单-再次.xlsx', [good]);
  await page.getByTestId('hotline-import-check').click();
  await expect(page.getByTestId('hotline-import-existing')).toContainText('1');

  // The figures of the call's day count it in its community's 待分拣 row.
  const day = when.slice(0, 10);
  await page.goto(`/requests/figures?from=${day}&to=${day}`);
  await expect(page.getByRole('heading', { name: '诉求统计' })).toBeVisible();
  await expect(page.getByTestId('request-figures-table')).toContainText('待分拣');
  await expect(page.getByTestId('request-figures-chart')).toBeVisible();
  await page.getByRole('tab', { name: '按诉求类别' }).click();
  await expect(page.getByTestId('request-figures-table')).toContainText(category!.name);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('request-ledger-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`诉求台账-${day}-${day}.xlsx`);
});
