import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import {
  ORGANISATION_HEADINGS,
  type OrganisationHeading,
  type OrganisationKind,
  type ServiceField,
} from '@linli/contracts/modules/organisations';
import { DEFAULT_XLSX_LIMITS, type XlsxValue, readFirstSheet } from '../../platform/xlsx-reader';

// The register's .xlsx format: the cell vocabulary (literal Chinese, like the client ledger's), reading an upload with
// the capped streaming reader (platform/xlsx-reader.ts, never ExcelJS's reader) and writing with ExcelJS.

export const KIND_LABELS: Record<OrganisationKind, string> = {
  co_building_unit: '共建单位',
  social_organisation: '社会组织',
  community_social_organisation: '社区社会组织',
  social_work_agency: '社工机构',
  social_work_station: '社工站',
  caring_enterprise: '爱心企业',
  merchant: '商户',
  property_company: '物业服务企业',
  expert: '专家',
};
export const SUBTYPE_LABELS: Record<string, string> = {
  party_government: '党政机关',
  state_enterprise: '国有企业',
  school: '学校',
  hospital: '医院',
  other: '其他',
  social_group: '社会团体',
  foundation: '基金会',
  social_service_agency: '社会服务机构',
};
export const FIELD_LABELS: Record<ServiceField, string> = {
  elderly: '养老服务',
  children: '儿童关爱',
  disability: '助残服务',
  assistance: '社会救助',
  psychology: '心理服务',
  legal: '法律服务',
  medical: '医疗健康',
  education: '教育培训',
  employment: '就业创业',
  culture: '文体活动',
  environment: '环境治理',
  volunteering: '志愿服务',
  property: '物业服务',
  other: '其他',
};
export const STATUS_LABELS = { active: '正常', disabled: '停用' } as const;

/** The code a label names (either the label or the code itself), or null. */
export function codeOf<T extends string>(labels: Record<T, string>, text: string): T | null {
  const t = text.trim();
  const hit = (Object.entries(labels) as [T, string][]).find(([code, label]) => label === t || code === t);
  return hit ? hit[0] : null;
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Text a spreadsheet would take for a formula is written behind an apostrophe (and read back without it). */
export const guardFormula = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
const unguard = (text: string) => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);
const fold = (text: string) =>
  text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

export interface SheetRow {
  rowNumber: number;
  cells: Partial<Record<OrganisationHeading, string>>;
}

export class SheetLimitError extends Error {}

function cellText(value: XlsxValue): string {
  if (value.kind === 'date') return value.date.toISOString().slice(0, 10);
  if (value.kind === 'string') return unguard(fold(value.text).trim()).trim();
  return String(value.value);
}

/**
 * The data rows of an uploaded register: the heading row (名称 and 类别 among the first 10 rows), then each non-empty
 * row by heading. Throws SheetLimitError past `maxRows` or `timeoutMs`; any other error means an unreadable file.
 */
export async function readRegisterSheet(
  buffer: Buffer,
  maxRows: number,
  timeoutMs: number,
): Promise<SheetRow[] | null> {
  const columns = new Map<number, OrganisationHeading>();
  const rows: SheetRow[] = [];
  const deadline = performance.now() + timeoutMs;
  const sheet = await readFirstSheet(buffer, { ...DEFAULT_XLSX_LIMITS, deadline }, (r, cells) => {
    if (columns.size === 0) {
      if (r > 10) return 'stop';
      const found = cells
        .map((c) => [c.col, ORGANISATION_HEADINGS.find((h) => h === cellText(c.value))] as const)
        .filter((e): e is [number, OrganisationHeading] => e[1] !== undefined);
      if (found.some(([, h]) => h === '名称') && found.some(([, h]) => h === '类别'))
        for (const [c, h] of found) columns.set(c, h);
      return;
    }
    const row: SheetRow = { rowNumber: r, cells: {} };
    for (const c of cells) {
      const heading = columns.get(c.col);
      const text = cellText(c.value);
      if (heading && text) row.cells[heading] = text.slice(0, 1000);
    }
    if (Object.keys(row.cells).length === 0) return;
    if (rows.length >= maxRows) throw new SheetLimitError('rows');
    rows.push(row);
  });
  return sheet && columns.size > 0 ? rows : null;
}

/** A workbook of the register's headings and rows (plus a reason column for an error report). */
export async function writeRegisterSheet(rows: string[][], title: string, extraHeading?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Linli 邻里';
  const headings = [...ORGANISATION_HEADINGS, ...(extraHeading ? [extraHeading] : [])];
  const sheet = workbook.addWorksheet(title);
  // Text format keeps codes and dates exact when the file is edited and imported again.
  sheet.columns = headings.map((h) => ({
    width: h === '名称' || h === '地址' ? 30 : h === '统一社会信用代码' ? 22 : 12,
    style: { numFmt: '@' },
  }));
  sheet.addRow(headings).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(guardFormula));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
