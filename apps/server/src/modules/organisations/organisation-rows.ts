import { type FieldCode, type FieldParams, fieldIssueOf } from '@linli/contracts';
import {
  OrganisationCreateInput,
  type OrganisationHeading,
  ORGANISATION_RATINGS,
  type ServiceField,
} from '@linli/contracts/modules/organisations';
import { FIELD_LABELS, KIND_LABELS, STATUS_LABELS, SUBTYPE_LABELS, type SheetRow, codeOf } from './organisation-sheet';

/** Why a row was rejected: the column's heading (null for the row), a field code and its params. */
export interface RowReason {
  column: OrganisationHeading | null;
  code: FieldCode;
  params?: FieldParams;
}

export interface CheckedRow {
  rowNumber: number;
  input: OrganisationCreateInput | null;
  status: 'active' | 'disabled';
  reasons: RowReason[];
}

/** The heading of each input field, so a schema issue lands on the column the user typed it in. */
const COLUMN_OF: Record<string, OrganisationHeading> = {
  name: '名称',
  kind: '类别',
  subtype: '子类别',
  uscc: '统一社会信用代码',
  areaCode: '所属社区',
  registrationAuthority: '登记机关',
  registeredOn: '登记日期',
  address: '地址',
  serviceFields: '服务领域',
  rating: '评估等级',
  ratedOn: '评估日期',
  expertField: '专业领域',
  expertQualification: '资质',
};
const KIND_ALIASES: Record<string, string> = {
  备案社区社会组织: 'community_social_organisation',
  社工室: 'social_work_station',
  '社工站/室': 'social_work_station',
};

/** 2020-01-02, 2020/1/2, 2020.1.2, 2020年1月2日, 20200102 → 2020-01-02 (other text is passed on for the schema to refuse). */
export function looseDate(text: string): string {
  const m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

function vocabulary(row: SheetRow, reasons: RowReason[]) {
  const cell = (h: OrganisationHeading) => row.cells[h];
  const unknown = (column: OrganisationHeading, value: string) =>
    reasons.push({ column, code: 'organisations.import_unknown_value', params: { value } });
  const kindText = cell('类别');
  const kind = kindText ? (codeOf(KIND_LABELS, kindText) ?? KIND_ALIASES[kindText] ?? null) : null;
  if (kindText && !kind) unknown('类别', kindText);
  const subtypeText = cell('子类别');
  const subtype = subtypeText ? codeOf(SUBTYPE_LABELS, subtypeText) : null;
  if (subtypeText && !subtype) unknown('子类别', subtypeText);
  const serviceFields: ServiceField[] = [];
  for (const part of (cell('服务领域') ?? '').split(/[、,，;；/\s]+/).filter(Boolean)) {
    const field = codeOf(FIELD_LABELS, part);
    if (field) serviceFields.push(field);
    else unknown('服务领域', part);
  }
  const ratingText = cell('评估等级')?.toUpperCase();
  const rating = ratingText ? (ORGANISATION_RATINGS.find((r) => r === ratingText) ?? null) : null;
  if (ratingText && !rating) unknown('评估等级', ratingText);
  const statusText = cell('状态');
  const status = statusText ? codeOf(STATUS_LABELS, statusText) : 'active';
  if (!status) unknown('状态', statusText!);
  return { kind, subtype, serviceFields: [...new Set(serviceFields)], rating, status: status ?? 'active' };
}

/**
 * One sheet row checked: vocabulary, the holding area (by name or code, among the areas the importer may write in)
 * and then the same contract schema as the form, so each cell says the same words the form would.
 */
export function checkRow(row: SheetRow, areaByNameOrCode: (text: string) => string | null): CheckedRow {
  const reasons: RowReason[] = [];
  const words = vocabulary(row, reasons);
  const areaText = row.cells['所属社区'];
  const areaCode = areaText ? areaByNameOrCode(areaText) : null;
  if (areaText && !areaCode) reasons.push({ column: '所属社区', code: 'area.unknown', params: { code: areaText } });
  const date = (h: OrganisationHeading) => (row.cells[h] ? looseDate(row.cells[h]) : null);
  const candidate = {
    areaCode: areaCode ?? undefined,
    kind: words.kind ?? undefined,
    subtype: words.subtype,
    name: row.cells['名称'],
    uscc: row.cells['统一社会信用代码'] ?? null,
    registrationAuthority: row.cells['登记机关'] ?? null,
    registeredOn: date('登记日期'),
    address: row.cells['地址'] ?? null,
    serviceFields: words.serviceFields,
    rating: words.rating,
    ratedOn: date('评估日期'),
    expertField: row.cells['专业领域'] ?? null,
    expertQualification: row.cells['资质'] ?? null,
  };
  const parsed = OrganisationCreateInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = COLUMN_OF[String(issue.path[0])] ?? null;
      // A cell already refused for its vocabulary is not refused twice.
      if (column && reasons.some((r) => r.column === column)) continue;
      reasons.push({ column, ...fieldIssueOf(issue) });
    }
  }
  return {
    rowNumber: row.rowNumber,
    input: parsed.success && reasons.length === 0 ? parsed.data : null,
    status: words.status,
    reasons,
  };
}
