// Schemas of the requests module's catalogue part (民生诉求分类目录 and 派单规则); re-exported by ./requests.ts.
// A district keeps one catalogue; each edit of a category is a new version (requests keep theirs). Form questions are
// Open311 GeoReport v2 attributes, so a category is also an Open311 service (code = service_code).
import { z } from 'zod';
import { Id, IsoDateTime, UNSTORABLE_TEXT, isStorableText } from '../common';
import type { ErrorSpec } from '../error-codes';
import type { FieldCode } from '../field-messages';
import { AreaCode } from '../org';

export const CATALOGUE_ERRORS = {
  'requests.category_not_found': {
    status: 404,
    zh: '未找到该诉求分类，或您无权查看',
    en: 'No such request category in your jurisdiction',
  },
  'requests.category_code_taken': {
    status: 409,
    zh: '本区已有相同编码的诉求分类',
    en: 'The district already has a category with this code',
  },
  'requests.category_inactive': {
    status: 409,
    zh: '该诉求分类已停用',
    en: 'This request category is no longer in use',
  },
  'requests.rule_not_found': {
    status: 404,
    zh: '未找到该派单规则，或您无权查看',
    en: 'No such routing rule in your jurisdiction',
  },
  'requests.rule_exists': {
    status: 409,
    zh: '该区域的这一分类已有派单规则，请先删除原规则',
    en: 'This area already has a rule for this category; delete it first',
  },
  'requests.unit_invalid': {
    status: 400,
    zh: '承办单位不符合要求，请检查',
    en: 'The responsible unit is not valid here',
  },
} as const satisfies Record<string, ErrorSpec>;

const text = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText, UNSTORABLE_TEXT);
const invalidFormat = 'field.invalid_format' satisfies FieldCode;

/** Open311 attribute datatypes. */
export const QUESTION_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export const QuestionDatatype = z.enum(QUESTION_DATATYPES);
export type QuestionDatatype = z.infer<typeof QuestionDatatype>;
const LIST_TYPES: readonly QuestionDatatype[] = ['singlevaluelist', 'multivaluelist'];

export const CategoryQuestion = z
  .object({
    /** The attribute code (Open311 `code`), stable across versions so answers stay comparable. */
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, invalidFormat),
    label: text(60),
    datatype: QuestionDatatype,
    required: z.boolean(),
    values: z
      .array(z.object({ key: z.string().regex(/^[a-z0-9_]{1,40}$/, invalidFormat), name: text(40) }))
      .max(30)
      .optional(),
  })
  .superRefine((q, ctx) => {
    const isList = LIST_TYPES.includes(q.datatype);
    if (isList && !q.values?.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'field.required' satisfies FieldCode });
    if (!isList && q.values?.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'field.invalid_value' satisfies FieldCode });
    const keys = (q.values ?? []).map((v) => v.key);
    if (new Set(keys).size !== keys.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'field.invalid_value' satisfies FieldCode });
  });
export type CategoryQuestion = z.infer<typeof CategoryQuestion>;

export const CategoryQuestions = z
  .array(CategoryQuestion)
  .max(20)
  .refine((qs) => new Set(qs.map((q) => q.code)).size === qs.length, 'field.invalid_value' satisfies FieldCode);

export const CategoryUrgency = z.enum(['urgent', 'normal']);

/** What each version of a category holds (the group belongs to the category: regrouping is not a new version). */
const versionFields = {
  name: text(40),
  description: text(500).nullable().default(null),
  questions: CategoryQuestions.default([]),
  defaultUrgency: CategoryUrgency,
  /** 签收时限: working days to sign for a request (0 = the same day). */
  signWorkingDays: z.number().int().min(0).max(30).default(1),
  /** 办结时限: working days to resolve it. */
  resolveWorkingDays: z.number().int().min(1).max(180),
};

export const CategoryCreateInput = z.object({
  /** The district whose catalogue this is. */
  areaCode: AreaCode,
  /** The Open311 service_code, unique in the district. */
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, invalidFormat),
  group: text(20),
  ...versionFields,
});
export type CategoryCreateInput = z.infer<typeof CategoryCreateInput>;

/** An edit: a new version, from the version the editor read (409 when someone else saved one meanwhile). */
export const CategoryUpdateInput = z.object({
  group: text(20),
  ...versionFields,
  version: z.number().int().min(1),
});
export type CategoryUpdateInput = z.infer<typeof CategoryUpdateInput>;

export const CategoryStatusInput = z.object({ active: z.boolean(), version: z.number().int().min(1) });
export type CategoryStatusInput = z.infer<typeof CategoryStatusInput>;

export const CategoryVersion = z.object({
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  questions: z.array(CategoryQuestion),
  defaultUrgency: CategoryUrgency,
  signWorkingDays: z.number().int(),
  resolveWorkingDays: z.number().int(),
  createdAt: IsoDateTime,
});
export type CategoryVersion = z.infer<typeof CategoryVersion>;

export const RequestCategory = CategoryVersion.extend({
  id: Id,
  areaCode: z.string(),
  code: z.string(),
  group: z.string(),
  active: z.boolean(),
  updatedAt: IsoDateTime,
  /** Every version, newest first (the first is the current one). */
  versions: z.array(CategoryVersion),
  allowedActions: z.array(z.enum(['update', 'deactivate', 'reactivate'])),
});
export type RequestCategory = z.infer<typeof RequestCategory>;

export const CategoryListQuery = z.object({
  /** Any area of the district (a worker passes their community): the district's catalogue is listed. Default: the
   * caller's current area (area switcher) or first held area. */
  areaCode: AreaCode.optional(),
  includeInactive: z.enum(['true', 'false']).default('false'),
});
export type CategoryListQuery = z.infer<typeof CategoryListQuery>;

export const RequestCategoryList = z.object({
  districtCode: z.string(),
  items: z.array(RequestCategory),
  /** Whether the caller may add categories to this catalogue. */
  canManage: z.boolean(),
});
export type RequestCategoryList = z.infer<typeof RequestCategoryList>;

export const ROUTING_UNIT_KINDS = ['community', 'grid', 'street_department', 'organisation'] as const;
export const RoutingUnitKind = z.enum(ROUTING_UNIT_KINDS);
export type RoutingUnitKind = z.infer<typeof RoutingUnitKind>;

/**
 * A rule: in `areaCode` (a community, street or district), requests of `categoryId` (null: every category) go to the
 * unit. community: `unitAreaCode` omitted = the request's own community; grid: a grid inside the rule's area;
 * street_department: `departmentName`, with `unitAreaCode` omitted = the request's street; organisation: a partner
 * (property companies included) from the register that serves the rule's area.
 */
export const RoutingRuleCreateInput = z.object({
  areaCode: AreaCode,
  categoryId: Id.nullable(),
  unitKind: RoutingUnitKind,
  unitAreaCode: AreaCode.optional(),
  organisationId: Id.optional(),
  departmentName: text(40).optional(),
});
export type RoutingRuleCreateInput = z.infer<typeof RoutingRuleCreateInput>;

export const RoutingUnit = z.object({
  kind: RoutingUnitKind,
  areaCode: z.string(),
  organisationId: Id.nullable(),
  departmentName: z.string().nullable(),
  label: z.string(),
});
export type RoutingUnit = z.infer<typeof RoutingUnit>;

export const RoutingRule = z.object({
  id: Id,
  areaCode: z.string(),
  areaName: z.string(),
  areaLevel: z.enum(['district', 'street', 'community']),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  unitKind: RoutingUnitKind,
  unitAreaCode: z.string().nullable(),
  organisationId: Id.nullable(),
  departmentName: z.string().nullable(),
  /**
   * The named unit's name (area or partner); null when the rule names the request's own community or street, or a
   * partner that no longer serves the area (disabled, or its service areas changed).
   */
  unitName: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingRuleListQuery = z.object({
  /** Any area of the district: the district's rules are listed. Default as for the categories. */
  areaCode: AreaCode.optional(),
  categoryId: Id.optional(),
});
export type RoutingRuleListQuery = z.infer<typeof RoutingRuleListQuery>;

export const RoutingRuleList = z.object({
  districtCode: z.string(),
  items: z.array(RoutingRule),
  canManage: z.boolean(),
});
export type RoutingRuleList = z.infer<typeof RoutingRuleList>;

export const RoutingResolveQuery = z.object({ communityCode: AreaCode, categoryId: Id });
export type RoutingResolveQuery = z.infer<typeof RoutingResolveQuery>;

/** Where a request of the category in the community would go, and the rule that decided it (null: no rule). */
export const RoutingResolution = z.object({ unit: RoutingUnit, ruleId: Id.nullable() });
export type RoutingResolution = z.infer<typeof RoutingResolution>;
