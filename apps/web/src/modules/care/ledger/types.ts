import type {
  CaseDetail as CaseDetailSchema,
  CaseList as CaseListSchema,
  CasePlanInput as CasePlanInputSchema,
  ClientStatusInput as ClientStatusInputSchema,
  Consent as ConsentSchema,
  ConsentInput as ConsentInputSchema,
  ExportFilter as ExportFilterSchema,
  ExportRequest as ExportRequestSchema,
  LedgerImportReport as LedgerImportReportSchema,
  Referral as ReferralSchema,
  ReferralInput as ReferralInputSchema,
} from '@linli/contracts';

/** z.infer without importing zod (same trick as lib/types.ts); kept here so lib/types.ts stays untouched. */
type Infer<T extends { _zod: { output: unknown } }> = T['_zod']['output'];

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
