// Alliances of the partner register (区域党建联盟 / 社治联盟) and the register's import report; re-exported by
// ./organisations.ts (import them from '@linli/contracts/modules/organisations').
import { z } from 'zod';
import { Id, IsoDateTime, isStorableText, UNSTORABLE_TEXT } from '../common';
import { DateOnly } from '../care/values';
import { LedgerRowReason } from '../care/ledger';
import { AreaCode } from '../org';

export const ALLIANCE_TYPES = ['party_building', 'social_governance'] as const;
export const AllianceType = z.enum(ALLIANCE_TYPES);
export type AllianceType = z.infer<typeof AllianceType>;
export const COMMITMENT_STATUSES = ['pledged', 'in_progress', 'done', 'dropped'] as const;
export const CommitmentStatus = z.enum(COMMITMENT_STATUSES);
export type CommitmentStatus = z.infer<typeof CommitmentStatus>;
/** The largest pact document (公约) an upload may be. */
export const PACT_MAX_BYTES = 5 * 1024 * 1024;
export const PACT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const text = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText, UNSTORABLE_TEXT);

export const AllianceInput = z.object({ areaCode: AreaCode, name: text(100), type: AllianceType });
export type AllianceInput = z.infer<typeof AllianceInput>;
export const AllianceMemberInput = z.object({
  organisationId: Id,
  joinedOn: DateOnly,
  pactSignedOn: DateOnly.nullable().optional(),
});
export type AllianceMemberInput = z.infer<typeof AllianceMemberInput>;
export const AllianceChairInput = z
  .object({ organisationId: Id, fromOn: DateOnly, toOn: DateOnly })
  .refine((v) => v.toOn >= v.fromOn, { path: ['toOn'], message: 'organisations.chair_period' });
export type AllianceChairInput = z.infer<typeof AllianceChairInput>;
export const CommitmentInput = z.object({
  organisationId: Id,
  text: text(300),
  dueOn: DateOnly.nullable().optional(),
});
export type CommitmentInput = z.infer<typeof CommitmentInput>;
export const CommitmentStatusInput = z.object({ status: CommitmentStatus });
export const PactUploadQuery = z.object({ signedOn: DateOnly.optional() });

export const AllianceSummary = z.object({
  id: Id,
  areaCode: AreaCode,
  name: z.string(),
  type: AllianceType,
  memberCount: z.number().int(),
  createdAt: IsoDateTime,
});
export type AllianceSummary = z.infer<typeof AllianceSummary>;
export const AllianceList = z.object({ items: z.array(AllianceSummary) });
export type AllianceList = z.infer<typeof AllianceList>;

export const AllianceMember = z.object({
  /** The membership (its pact document's routes take this id). */
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  joinedOn: z.string(),
  pactSignedOn: z.string().nullable(),
  pact: z.object({ fileName: z.string(), size: z.number().int(), sha256: z.string() }).nullable(),
});
export const AllianceChair = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  fromOn: z.string(),
  toOn: z.string(),
  current: z.boolean(),
});
export const Commitment = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  text: z.string(),
  dueOn: z.string().nullable(),
  status: CommitmentStatus,
});
export type Commitment = z.infer<typeof Commitment>;
export const AllianceDetail = AllianceSummary.extend({
  members: z.array(AllianceMember),
  chairs: z.array(AllianceChair),
  commitments: z.array(Commitment),
  allowedActions: z.array(z.enum(['manage'])),
});
export type AllianceDetail = z.infer<typeof AllianceDetail>;

/** The register's .xlsx columns, in export order: literal Chinese headings, read by name in any order. */
export const ORGANISATION_HEADINGS = [
  '名称',
  '类别',
  '子类别',
  '统一社会信用代码',
  '所属社区',
  '登记机关',
  '登记日期',
  '地址',
  '服务领域',
  '评估等级',
  '评估日期',
  '专业领域',
  '资质',
  '状态',
] as const;
export type OrganisationHeading = (typeof ORGANISATION_HEADINGS)[number];
export const OrganisationImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') });
/** Same conventions as the client ledger's report: per row reasons with field codes; all-or-nothing. */
export const OrganisationImportReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  created: z.number().int(),
  /** 新建: rows that are new partners. */
  toCreate: z.number().int(),
  /** 已存在: rows skipped because the partner is already in the register of that area. */
  skippedExisting: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(LedgerRowReason) })),
  written: z.boolean(),
});
export type OrganisationImportReport = z.infer<typeof OrganisationImportReport>;
