import ExcelJS from 'exceljs';
import {
  ORGANISATION_HEADINGS,
  type OrganisationHeading,
  type OrganisationKind,
  type ServiceField,
} from '@linli/contracts/modules/organisations';
import { type HeadedRow, type HeadedSheetFormat, foldFullWidth } from '../../platform/xlsx-headed-sheet';
import type { XlsxValue } from '../../platform/xlsx-reader';

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

export type SheetRow = HeadedRow<OrganisationHeading>;

function cellText(value: XlsxValue): string {
  if (value.kind === 'date') return value.date.toISOString().slice(0, 10);
  if (value.kind === 'string') return unguard(foldFullWidth(value.text).trim()).trim();
  return String(value.value);
}

/** The register's sheet: found by its 名称 and 类别 headings. */
export const REGISTER_SHEET: HeadedSheetFormat<OrganisationHeading> = {
  headings: ORGANISATION_HEADINGS,
  required: ['名称', '类别'],
  cellText,
  maxCellLength: 1000,
};

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
