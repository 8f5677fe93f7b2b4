import type {
  AreaChange as AreaChangeSchema,
  AssessmentInput as AssessmentInputSchema,
  AssessmentResult as AssessmentResultSchema,
  ClientList as ClientListSchema,
  DuplicateWarnings as DuplicateWarningsSchema,
  OverdueQueue as OverdueQueueSchema,
  RecordVisitInput as RecordVisitInputSchema,
  RecordVisitResult as RecordVisitResultSchema,
  RevealInput as RevealInputSchema,
  RevealResult as RevealResultSchema,
  TierApproval as TierApprovalSchema,
  Worklist as WorklistSchema,
  AreaList as AreaListSchema,
  AuditList as AuditListSchema,
  AuditVerifyResult as AuditVerifyResultSchema,
  CatalogEntry as CatalogEntrySchema,
  PublicConfig as PublicConfigSchema,
  SessionSummary as SessionSummarySchema,
  TotpSetup as TotpSetupSchema,
  UserCreateInput as UserCreateInputSchema,
  UserList as UserListSchema,
  UserUpdateInput as UserUpdateInputSchema,
} from '@linli/contracts';

/** z.infer without importing zod into the web workspace: zod 4 schemas carry their output type on `_zod`. */
type Infer<T extends { _zod: { output: unknown } }> = T['_zod']['output'];

export type {
  Area,
  AreaDetail,
  AreaLevel,
  AuditEntry,
  ClientCategory,
  ClientDetail,
  ClientInput,
  ClientSummary,
  ErrorCode,
  NeedDomain,
  Tier,
  Visit,
  LoginResult,
  Permission,
  Role,
  SessionInfo,
  OneTimePasswordResult,
  UserDetail,
  UserSummary,
} from '@linli/contracts';

export type PublicConfig = Infer<typeof PublicConfigSchema>;
export type SessionSummary = Infer<typeof SessionSummarySchema>;
export type TotpSetup = Infer<typeof TotpSetupSchema>;
export type AreaList = Infer<typeof AreaListSchema>;
export type AreaChange = Infer<typeof AreaChangeSchema>;
export type CatalogEntry = Infer<typeof CatalogEntrySchema>;
export type AuditList = Infer<typeof AuditListSchema>;
export type AuditVerifyResult = Infer<typeof AuditVerifyResultSchema>;
export type UserList = Infer<typeof UserListSchema>;
export type UserCreateInput = Infer<typeof UserCreateInputSchema>;
export type UserUpdateInput = Infer<typeof UserUpdateInputSchema>;
export type ClientList = Infer<typeof ClientListSchema>;
export type DuplicateWarnings = Infer<typeof DuplicateWarningsSchema>;
export type RevealInput = Infer<typeof RevealInputSchema>;
export type RevealResult = Infer<typeof RevealResultSchema>;
export type AssessmentInput = Infer<typeof AssessmentInputSchema>;
export type AssessmentResult = Infer<typeof AssessmentResultSchema>;
export type TierApproval = Infer<typeof TierApprovalSchema>;
export type Worklist = Infer<typeof WorklistSchema>;
export type RecordVisitInput = Infer<typeof RecordVisitInputSchema>;
export type RecordVisitResult = Infer<typeof RecordVisitResultSchema>;
export type OverdueQueue = Infer<typeof OverdueQueueSchema>;
export type OverdueBucket = OverdueQueue['byWorker'][number];
export type ClientStatus = import('@linli/contracts').ClientSummary['status'];
export type TimelineEntry = import('@linli/contracts').ClientDetail['timeline'][number];
export interface OkResponse {
  ok: true;
}
