import {
  CATEGORY_LABELS,
  ClientInput,
  type ClientCategory,
  TIER_LABELS,
  type Tier,
  fieldIssueOf,
  parseIdNumber,
} from '@linli/contracts';
import { maskName } from '../../../platform/masking';
import type { AreaRow } from '../../org';
import {
  CATEGORY_BY_LABEL,
  type LedgerHeading,
  type LedgerReason,
  type LedgerRow,
  TIER_BY_LABEL,
  parseLooseDate,
} from './ledger-columns';
import type { LedgerSourceRow } from './ledger.repository';
import type { LedgerExportRow } from './ledger-write';

// Between the sheet and the register: a read row checked and turned into a client entry (ledger-import.ts turns that
// into the rows an import writes), a client turned into cells.

/** A row that passed every check, ready to become a client (with its tier, if the sheet gave one). */
export interface ValidRow {
  rowNumber: number;
  input: ClientInput;
  tier: Tier | null;
}

export function validateLedgerRow(row: LedgerRow, areas: AreaRow[]): ValidRow | { reasons: LedgerReason[] } {
  const c = row.cells;
  const reasons = [...row.cellProblems];
  const { community, grid } = placeOf(c, areas, reasons);
  const { birth, categories, tier, sex } = codedCells(c, reasons);
  const candidate = {
    name: c['姓名'],
    idNumber: c['身份证号'],
    sex,
    birthDate: birth ?? undefined,
    phone: c['联系电话']?.replace(/[\s-]/g, ''),
    communityCode: community?.code ?? '000000000000',
    gridCode: grid?.code,
    address: c['家庭住址'],
    categories,
    disabilityCategory: c['残疾类别'],
    disabilityGrade: c['残疾等级'],
    emergencyContactName: c['紧急联系人'],
    emergencyContactPhone: c['紧急联系人电话']?.replace(/[\s-]/g, ''),
    notes: c['备注'],
  };
  const parsed = ClientInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      reasons.push({ column: FIELD_COLUMNS[String(issue.path[0])] ?? null, ...fieldIssueOf({ ...issue }) });
  }
  const id = candidate.idNumber ? parseIdNumber(candidate.idNumber) : null;
  if (id && birth && id.birthDate !== birth) reasons.push({ column: '出生日期', code: 'care.birth_date_mismatch' });
  if (id && sex && id.sex !== sex) reasons.push({ column: '性别', code: 'care.sex_mismatch' });
  if (reasons.length || !parsed.success) return { reasons: distinct(reasons) };
  return { rowNumber: row.rowNumber, input: parsed.data, tier };
}

type Cells = LedgerRow['cells'];

/** The community (by name or code, within the importer's areas) and the grid of it the row names. */
function placeOf(c: Cells, areas: AreaRow[], reasons: LedgerReason[]) {
  const community = c['所属社区'] ? findCommunity(areas, c['所属社区']) : null;
  if (!c['所属社区']) reasons.push({ column: '所属社区', code: 'field.required' });
  else if (!community)
    reasons.push({ column: '所属社区', code: 'care.ledger_community_unknown', params: { value: c['所属社区'] } });
  const grid =
    community && c['网格']
      ? areas.find(
          (a) =>
            a.level === 'grid' && a.parentCode === community.code && (a.name === c['网格'] || a.code === c['网格']),
        )
      : null;
  if (community && c['网格'] && !grid)
    reasons.push({
      column: '网格',
      code: 'care.ledger_grid_unknown',
      params: { value: c['网格'], community: community.name },
    });
  return { community, grid };
}

/** The cells written as words or loose dates: birth date, categories (other when none), tier, sex. */
function codedCells(c: Cells, reasons: LedgerReason[]) {
  const birth = c['出生日期'] ? parseLooseDate(c['出生日期']) : undefined;
  if (c['出生日期'] && !birth)
    reasons.push({ column: '出生日期', code: 'care.ledger_date_unreadable', params: { value: c['出生日期'] } });
  const categories = (c['服务对象类别'] ?? '')
    .split(/[、,，;；\s]+/)
    .filter(Boolean)
    .map((label) => ({ label, key: CATEGORY_BY_LABEL[label] }));
  for (const bad of categories.filter((x) => !x.key))
    reasons.push({ column: '服务对象类别', code: 'care.ledger_category_unknown', params: { value: bad.label } });
  const tierLabel = c['照护等级'];
  const tier = tierLabel ? (TIER_BY_LABEL[tierLabel] ?? null) : null;
  if (tierLabel && !tier)
    reasons.push({ column: '照护等级', code: 'care.ledger_tier_unknown', params: { value: tierLabel } });
  const sex = c['性别'] === '男' ? 'male' : c['性别'] === '女' ? 'female' : undefined;
  if (c['性别'] && !sex)
    reasons.push({ column: '性别', code: 'care.ledger_sex_unknown', params: { value: c['性别'] } });
  return {
    birth,
    categories: categories.length
      ? categories.map((x) => x.key).filter((k): k is ClientCategory => Boolean(k))
      : ['other' as const],
    tier,
    sex,
  };
}

/** One exported row: masked unless the export is an approved unmasked one (then decrypted). */
export function ledgerCells(
  r: LedgerSourceRow,
  areas: Map<string, string>,
  unmasked: boolean,
  decrypt: (enc: string) => string,
): LedgerExportRow['cells'] {
  const plain = (enc: string | null) => (enc ? decrypt(enc) : '');
  return {
    姓名: unmasked ? r.name : (maskName(r.name) ?? ''),
    性别: r.sex === 'male' ? '男' : r.sex === 'female' ? '女' : '',
    身份证号: unmasked ? plain(r.idNumberEnc) : (r.idNumberMasked ?? ''),
    出生日期: r.birthDate ? (unmasked ? r.birthDate : `${r.birthDate.slice(0, 4)}-**-**`) : '',
    联系电话: unmasked ? plain(r.phoneEnc) : (r.phoneMasked ?? ''),
    所属社区: areas.get(r.areaCode) ?? r.areaCode,
    网格: r.gridCode ? (areas.get(r.gridCode) ?? r.gridCode) : '',
    家庭住址: r.address ? (unmasked ? r.address : `${[...r.address].slice(0, 4).join('')}****`) : '',
    服务对象类别: r.categories.map((k) => CATEGORY_LABELS[k as ClientCategory] ?? k).join('、'),
    照护等级: r.tier ? TIER_LABELS[r.tier as Tier] : '',
    残疾类别: r.disabilityCategory ?? '',
    残疾等级: r.disabilityGrade ?? '',
    紧急联系人: unmasked ? (r.emergencyContactName ?? '') : (maskName(r.emergencyContactName) ?? ''),
    紧急联系人电话: unmasked ? plain(r.emergencyPhoneEnc) : (r.emergencyPhoneMasked ?? ''),
    备注: '',
  };
}

/** Each reason once (a cell can fail the same way twice, e.g. an ID number both unreadable and invalid). */
function distinct(reasons: LedgerReason[]): LedgerReason[] {
  const byKey = new Map<string, LedgerReason>();
  for (const r of reasons) {
    const key = JSON.stringify([r.column, r.code, r.params ?? null]);
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return [...byKey.values()];
}

/** The sheet's heading for each ClientInput field, so a reason names the column the user sees. */
const FIELD_COLUMNS: Partial<Record<string, LedgerHeading>> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  birthDate: '出生日期',
  emergencyContactPhone: '紧急联系人电话',
  emergencyContactName: '紧急联系人',
  address: '家庭住址',
  categories: '服务对象类别',
  notes: '备注',
  communityCode: '所属社区',
  gridCode: '网格',
  sex: '性别',
  disabilityCategory: '残疾类别',
  disabilityGrade: '残疾等级',
};

/** Matches 洗面桥社区, 洗面桥, 洗面桥社区居委会 or the 12-digit code. */
function findCommunity(areas: AreaRow[], text: string): AreaRow | null {
  const clean = text.replace(/(居民委员会|居委会)$/, '');
  return (
    areas.find(
      (a) =>
        a.level === 'community' &&
        a.status === 'active' &&
        (a.code === clean || a.name === clean || a.name === `${clean}社区` || a.name.replace(/社区$/, '') === clean),
    ) ?? null
  );
}
