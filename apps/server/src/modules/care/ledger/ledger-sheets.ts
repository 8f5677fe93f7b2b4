import ExcelJS from 'exceljs';
import { CATEGORY_LABELS, LEDGER_REASON_HEADING } from '@linli/contracts';
import { LEDGER_HEADINGS, type LedgerHeading, guardFormula } from './ledger-columns';

// The two small workbooks of the import screen: the blank template and the error report of a checked file.

/** The template's example row: a made-up person (the ID number is GB 11643's own example, check digit X). */
const EXAMPLE: Record<LedgerHeading, string> = {
  姓名: '张三（示例，导入前请删除此行）',
  性别: '女',
  身份证号: '11010519491231002X',
  出生日期: '1949-12-31',
  联系电话: '13800000000',
  // Names no community has: the example row is refused if it is left in, never imported as a person.
  所属社区: '示例社区',
  网格: '示例网格',
  家庭住址: '某街道某小区 1 栋 101',
  服务对象类别: '独居老人、低保',
  照护等级: '红',
  残疾类别: '',
  残疾等级: '',
  紧急联系人: '李四',
  紧急联系人电话: '13900000000',
  备注: '',
};

/** What each column takes, for the notes sheet. */
const NOTES: [LedgerHeading, string][] = [
  ['姓名', '必填，最多 40 字；不能含 < > { } \\ 或表情符号'],
  ['性别', '男 / 女；填了身份证号可不填'],
  ['身份证号', '18 位；请把该列设为“文本”格式，否则后几位会丢失'],
  ['出生日期', '如 1945-03-02 或 1945.3.2；填了身份证号可不填；须在 1900 年至今天之间'],
  ['联系电话', '11 位手机号'],
  ['所属社区', '必填：您辖区内社区的名称或 12 位区划代码'],
  ['网格', '可选：该社区下网格的名称或代码'],
  ['服务对象类别', `可填多个，用顿号分隔：${Object.values(CATEGORY_LABELS).join('、')}`],
  ['照护等级', '红 / 黄 / 蓝；填写后按分级策略安排首次走访'],
];

const GENERAL_NOTES = [
  '表头行须保留（列顺序不限，可在表头上方加标题行）。',
  '第 2 行是示例，导入前请删除。',
  '已建档的人（身份证号相同，或姓名拼音、出生日期和社区都相同）不会重复导入，计入“已存在”。',
  '建议先勾选“试运行（只检查，不写入）”检查一遍，再正式导入；未通过的行可下载错误报告修改后重新导入。',
];

function textColumns(sheet: ExcelJS.Worksheet, extra: { width: number }[] = []) {
  // Text format keeps ID and phone numbers exact when the file is edited in a spreadsheet.
  sheet.columns = [
    ...LEDGER_HEADINGS.map((h) => ({
      width: h === '家庭住址' ? 30 : h === '身份证号' ? 22 : 12,
      style: { numFmt: '@' },
    })),
    ...extra,
  ];
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The blank import template: the headings, one example row, and a notes sheet on what each column takes. */
export async function writeTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Linli 邻里';
  const sheet = workbook.addWorksheet('服务对象台账');
  textColumns(sheet);
  sheet.addRow([...LEDGER_HEADINGS]).font = { bold: true };
  sheet.addRow(LEDGER_HEADINGS.map((h) => EXAMPLE[h]));
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ width: 16 }, { width: 90 }];
  notes.addRow(['列', '说明']).font = { bold: true };
  for (const [heading, note] of NOTES) notes.addRow([heading, note]);
  notes.addRow([]);
  for (const note of GENERAL_NOTES) notes.addRow(['', note]);
  return toBuffer(workbook);
}

export interface RejectedLedgerRow {
  /** The row's number in the uploaded sheet. */
  row: number;
  cells: Partial<Record<LedgerHeading, string>>;
  /** Each reason in the report's language, column first. */
  reasons: string[];
}

/**
 * The error report: the rejected rows as uploaded (cells as read, under the same headings), each followed by its
 * reasons in a 错误原因 column and its row number in the uploaded sheet. Fixed rows can be imported from it again.
 */
export async function writeErrorReport(rows: RejectedLedgerRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Linli 邻里';
  const sheet = workbook.addWorksheet('错误报告');
  textColumns(sheet, [{ width: 60 }, { width: 10 }]);
  sheet.addRow([...LEDGER_HEADINGS, LEDGER_REASON_HEADING, '原行号']).font = { bold: true };
  for (const r of rows) {
    // Cells go back as text, formula-guarded as in exports (they came from an untrusted upload).
    sheet.addRow([...LEDGER_HEADINGS.map((h) => guardFormula(r.cells[h] ?? '')), r.reasons.join('；'), r.row]);
  }
  return toBuffer(workbook);
}
