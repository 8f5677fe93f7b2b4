import type {
  CaseDetail as CaseDetailSchema,
  CaseList as CaseListSchema,
  CasePlanInput as CasePlanInputSchema,
  CaseloadReassignInput as CaseloadReassignInputSchema,
  CaseloadReassignResult as CaseloadReassignResultSchema,
  ClientMerge as ClientMergeSchema,
  ClientStatusInput as ClientStatusInputSchema,
  Consent as ConsentSchema,
  ConsentInput as ConsentInputSchema,
  EscalationList as EscalationListSchema,
  ExportFilter as ExportFilterSchema,
  ExportRequest as ExportRequestSchema,
  Household as HouseholdSchema,
  HouseholdInput as HouseholdInputSchema,
  LatestAssessment as LatestAssessmentSchema,
  CaseApprovalList as CaseApprovalListSchema,
  LedgerImportReport as LedgerImportReportSchema,
  Referral as ReferralSchema,
  ReferralInput as ReferralInputSchema,
  TierPolicy as TierPolicySchema,
  TierPolicyRules as TierPolicyRulesSchema,
  TierPolicyUpdateResult as TierPolicyUpdateResultSchema,
} from '@linli/contracts';

/** Care response and input types, z.infer without importing zod (same trick as lib/types.ts). */
type Infer<T extends { _zod: { output: unknown } }> = T['_zod']['output'];

export type {
  AssessmentInput,
  AssessmentResult,
  ClientCategory,
  ClientDetail,
  ClientInput,
  ClientList,
  ClientStatus,
  ClientSummary,
  DuplicateWarnings,
  NeedDomain,
  OkResponse,
  OverdueBucket,
  OverdueQueue,
  RecordVisitInput,
  RecordVisitResult,
  RevealInput,
  RevealResult,
  Tier,
  TierApproval,
  TimelineEntry,
  Visit,
  Worklist,
} from '../../../lib/types';

export type LedgerImportReport = Infer<typeof LedgerImportReportSchema>;
export type ExportFilter = Infer<typeof ExportFilterSchema>;
export type ExportRequest = Infer<typeof ExportRequestSchema>;
export type ExportStatus = ExportRequest['status'];
export type CaseDetail = Infer<typeof CaseDetailSchema>;
export type CaseSummary = Infer<typeof CaseListSchema>['items'][number];
export type CaseStatus = CaseDetail['status'];
export type CasePlanInput = Infer<typeof CasePlanInputSchema>;
export type Consent = Infer<typeof ConsentSchema>;
export type ConsentInput = Infer<typeof ConsentInputSchema>;
export type Referral = Infer<typeof ReferralSchema>;
export type ReferralInput = Infer<typeof ReferralInputSchema>;
export type ReferralStatus = Referral['status'];
export type ClientStatusInput = Infer<typeof ClientStatusInputSchema>;
export type Escalation = Infer<typeof EscalationListSchema>['items'][number];
export type ClientMerge = Infer<typeof ClientMergeSchema>;
export type Household = Infer<typeof HouseholdSchema>;
export type HouseholdInput = Infer<typeof HouseholdInputSchema>;
export type CaseloadReassignInput = Infer<typeof CaseloadReassignInputSchema>;
export type CaseloadReassignResult = Infer<typeof CaseloadReassignResultSchema>;
export type TierPolicy = Infer<typeof TierPolicySchema>;
export type TierPolicyRules = Infer<typeof TierPolicyRulesSchema>;
export type TierPolicyUpdateResult = Infer<typeof TierPolicyUpdateResultSchema>;
export type LatestAssessment = Infer<typeof LatestAssessmentSchema>;
export type CaseApproval = Infer<typeof CaseApprovalListSchema>['items'][number];
