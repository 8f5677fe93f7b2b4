// Contracts of the organisations module (the partner register, issue 10 part 1): the kinds of partner, the register's
// schemas, permissions and who holds them, error codes. Imported as '@linli/contracts/modules/organisations'; the
// alliances' schemas are in ./organisation-alliances.ts and re-exported here.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged, isStorableText, UNSTORABLE_TEXT } from '../common';
import { DateOnly, MobileInput, PersonName } from '../care/values';
import type { FieldCode } from '../field-messages';
import { AreaCode } from '../org';
import type { Role } from '../permissions';
import { normaliseUscc, usccProblem } from '../uscc';

export * from './organisation-alliances';

export const PERMISSIONS = [
  'organisations.read',
  'organisations.write',
  'organisations.import',
  'organisations.contact.reveal',
] as const;
export type OrganisationsPermission = (typeof PERMISSIONS)[number];

const READ = ['organisations.read'] as const;
const WRITE = ['organisations.read', 'organisations.write', 'organisations.import'] as const;
/** Every staff business role reads the register (workers pick referral providers); partners and residents nothing. */
export const ROLE_GRANTS = {
  district_officer: READ,
  street_officer: READ,
  community_supervisor: [...WRITE, 'organisations.contact.reveal'],
  community_worker: WRITE,
  social_worker: WRITE,
  grid_worker: READ,
} as const satisfies Partial<Record<Role, readonly OrganisationsPermission[]>>;

export const ERRORS = {
  'organisations.not_found': {
    status: 404,
    zh: '未找到该合作单位，或您无权查看',
    en: 'No such partner in your jurisdiction',
  },
  'organisations.alliance_not_found': {
    status: 404,
    zh: '未找到该联盟，或您无权查看',
    en: 'No such alliance in your jurisdiction',
  },
  'organisations.import_unreadable': {
    status: 400,
    zh: '无法读取该 Excel 文件（需为 .xlsx，且含“名称”“类别”表头）',
    en: 'Cannot read this Excel file (.xlsx with 名称 and 类别 headings needed)',
  },
  'organisations.import_too_large': {
    status: 413,
    zh: '导入文件过大：最多 5 MB、2000 行',
    en: 'The file is too large: at most 5 MB and 2,000 rows',
  },
  'organisations.pact_too_large': { status: 413, zh: '公约文件超过大小上限', en: 'The pact document is too large' },
  'organisations.pact_missing': { status: 404, zh: '尚未上传公约文件', en: 'No pact document has been uploaded' },
  'organisations.pact_type': {
    status: 400,
    zh: '公约文件须为 PDF、JPEG 或 PNG',
    en: 'The pact document must be a PDF, JPEG or PNG file',
  },
} as const;

/** 合作单位类别: the kinds of partner in the register (the glossary's names; helpers of issue 10 rely on them). */
export const ORGANISATION_KINDS = [
  'co_building_unit',
  'social_organisation',
  'community_social_organisation',
  'social_work_agency',
  'social_work_station',
  'caring_enterprise',
  'merchant',
  'property_company',
  'expert',
] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** The subtypes a kind has (共建单位: 党政机关…; 社会组织: 社会团体…); other kinds have none. */
export const ORGANISATION_SUBTYPES = {
  co_building_unit: ['party_government', 'state_enterprise', 'school', 'hospital', 'other'],
  social_organisation: ['social_group', 'foundation', 'social_service_agency'],
} as const satisfies Partial<Record<OrganisationKind, readonly string[]>>;
export const ALL_SUBTYPES = [...ORGANISATION_SUBTYPES.co_building_unit, ...ORGANISATION_SUBTYPES.social_organisation];
export const OrganisationSubtype = z.enum(ALL_SUBTYPES as [string, ...string[]]);

/** Kinds without a 统一社会信用代码: 备案 community social organisations and individual experts. */
export const KINDS_WITHOUT_USCC: readonly OrganisationKind[] = ['community_social_organisation', 'expert'];
/** Kinds the 社会组织评估 rates (5A–1A). */
export const RATED_KINDS: readonly OrganisationKind[] = ['social_organisation', 'social_work_agency'];
export const ORGANISATION_RATINGS = ['5A', '4A', '3A', '2A', '1A'] as const;
export const OrganisationRating = z.enum(ORGANISATION_RATINGS);
export type OrganisationRating = z.infer<typeof OrganisationRating>;
/** An assessment grade holds for five years from its date. */
export const RATING_VALID_YEARS = 5;

/** 服务领域: what a partner serves in (a fixed vocabulary, so the directory can filter on it). */
export const SERVICE_FIELDS = [
  'elderly',
  'children',
  'disability',
  'assistance',
  'psychology',
  'legal',
  'medical',
  'education',
  'employment',
  'culture',
  'environment',
  'volunteering',
  'property',
  'other',
] as const;
export const ServiceField = z.enum(SERVICE_FIELDS);
export type ServiceField = z.infer<typeof ServiceField>;

/** The date a grade assessed on `ratedOn` expires (five years on; Feb 29 becomes Feb 28). */
export function ratingExpiresOn(ratedOn: string): string {
  const year = Number(ratedOn.slice(0, 4)) + RATING_VALID_YEARS;
  const monthDay = ratedOn.slice(4) === '-02-29' ? '-02-28' : ratedOn.slice(4);
  return `${year}${monthDay}`;
}

const text = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText, UNSTORABLE_TEXT);
const optionalText = (max: number) => text(max).nullable().optional();

export const ContactInput = z
  .object({
    /** A contact already on the record: omitting `name` or `phone` keeps the stored value (the form shows it masked). */
    id: Id.optional(),
    name: PersonName.optional(),
    role: optionalText(40),
    phone: MobileInput.nullable().optional(),
  })
  .refine((c) => c.id || c.name, { path: ['name'], message: 'field.required' satisfies FieldCode });
export type ContactInput = z.infer<typeof ContactInput>;

/** The register's fields as entered; the kind-dependent rules are checkOrganisation below. */
export const OrganisationFields = z.object({
  kind: OrganisationKind,
  subtype: OrganisationSubtype.nullable().optional(),
  name: text(100),
  uscc: z.string().trim().max(30).transform(normaliseUscc).nullable().optional(),
  registrationAuthority: optionalText(100),
  registeredOn: DateOnly.nullable().optional(),
  address: optionalText(200),
  serviceFields: z.array(ServiceField).max(SERVICE_FIELDS.length).default([]),
  /** Communities or streets served besides the holding area (scope-checked like every area code in a body). */
  serviceAreaCodes: z.array(AreaCode).max(50).default([]),
  rating: OrganisationRating.nullable().optional(),
  ratedOn: DateOnly.nullable().optional(),
  expertField: optionalText(60),
  expertQualification: optionalText(60),
  notes: optionalText(500),
  contacts: z.array(ContactInput).max(10).default([]),
});
type Fields = z.infer<typeof OrganisationFields>;

/** The rules that depend on the kind (field codes, so the form, the API and the import say the same words). */
export function organisationIssues(v: Fields): { path: string; code: FieldCode }[] {
  const issues: { path: string; code: FieldCode }[] = [];
  const subtypes: readonly string[] = (ORGANISATION_SUBTYPES as Record<string, readonly string[]>)[v.kind] ?? [];
  if (v.subtype ? !subtypes.includes(v.subtype) : subtypes.length > 0) {
    issues.push({ path: 'subtype', code: 'organisations.subtype_invalid' });
  }
  if (KINDS_WITHOUT_USCC.includes(v.kind)) {
    if (v.uscc) issues.push({ path: 'uscc', code: 'organisations.uscc_not_applicable' });
  } else if (!v.uscc) {
    issues.push({ path: 'uscc', code: 'organisations.uscc_required' });
  } else {
    const problem = usccProblem(v.uscc);
    if (problem)
      issues.push({
        path: 'uscc',
        code: problem === 'check' ? 'organisations.uscc_check' : 'organisations.uscc_format',
      });
  }
  if (v.rating && !RATED_KINDS.includes(v.kind))
    issues.push({ path: 'rating', code: 'organisations.rating_not_applicable' });
  if (v.rating && !v.ratedOn) issues.push({ path: 'ratedOn', code: 'organisations.rated_on_required' });
  if (v.kind !== 'expert' && (v.expertField || v.expertQualification)) {
    issues.push({ path: 'expertField', code: 'organisations.expert_only' });
  }
  if (v.kind === 'expert' && !v.expertField) issues.push({ path: 'expertField', code: 'field.required' });
  return issues;
}

function withRules<T extends z.ZodType<Fields>>(schema: T) {
  return schema.superRefine((v, ctx) => {
    for (const issue of organisationIssues(v))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.code });
  });
}

export const OrganisationCreateInput = withRules(OrganisationFields.extend({ areaCode: AreaCode }));
export type OrganisationCreateInput = z.infer<typeof OrganisationCreateInput>;
export const OrganisationUpdateInput = withRules(OrganisationFields.extend({ version: z.number().int().min(1) }));
export type OrganisationUpdateInput = z.infer<typeof OrganisationUpdateInput>;
export const OrganisationStatusInput = z.object({
  status: z.enum(['active', 'disabled']),
  version: z.number().int().min(1),
});

export const OrganisationListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: OrganisationKind.optional(),
  areaCode: AreaCode.optional(),
  serviceField: ServiceField.optional(),
  rating: OrganisationRating.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

export const OrganisationSummary = z.object({
  id: Id,
  areaCode: AreaCode,
  areaName: z.string().nullable(),
  kind: OrganisationKind,
  subtype: z.string().nullable(),
  name: z.string(),
  uscc: z.string().nullable(),
  serviceFields: z.array(ServiceField),
  serviceAreaCodes: z.array(AreaCode),
  rating: OrganisationRating.nullable(),
  ratedOn: z.string().nullable(),
  ratingExpiresOn: z.string().nullable(),
  ratingExpired: z.boolean(),
  expertField: z.string().nullable(),
  expertQualification: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
});
export type OrganisationSummary = z.infer<typeof OrganisationSummary>;
export const OrganisationList = Paged(OrganisationSummary);
export type OrganisationList = z.infer<typeof OrganisationList>;

export const OrganisationContact = z.object({
  id: Id,
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  /** True when name and phone are the real values (a reveal), false when masked. */
  revealed: z.boolean(),
});
export type OrganisationContact = z.infer<typeof OrganisationContact>;
export const OrganisationContacts = z.object({ items: z.array(OrganisationContact) });

export const OrganisationEvent = z.object({
  id: Id,
  kind: z.enum(['created', 'updated', 'disabled', 'enabled', 'imported']),
  /** Field names changed; values only for fields that are not personal. */
  fields: z.array(z.string()),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  actorName: z.string().nullable(),
  at: IsoDateTime,
});
export type OrganisationEvent = z.infer<typeof OrganisationEvent>;

export const OrganisationMembership = z.object({
  allianceId: Id,
  allianceName: z.string(),
  joinedOn: z.string(),
  pactSignedOn: z.string().nullable(),
  chairNow: z.boolean(),
});

export const OrganisationDetail = OrganisationSummary.extend({
  registrationAuthority: z.string().nullable(),
  registeredOn: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  contacts: z.array(OrganisationContact),
  history: z.array(OrganisationEvent),
  alliances: z.array(OrganisationMembership),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  allowedActions: z.array(z.enum(['update', 'disable', 'enable', 'reveal'])),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;
