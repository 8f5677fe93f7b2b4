import { z } from 'zod';
import { Id, IsoDateTime } from '../common';
import { AreaCode } from '../org';
import { ClientListQuery } from './clients';

/** Unmasked exports by approval. */

export const ExportFilter = ClientListQuery.omit({ page: true, pageSize: true });
export const ExportRequestInput = z.object({ filter: ExportFilter, reason: z.string().trim().min(4).max(300) });
export const ExportRequest = z.object({
  id: Id,
  requesterId: Id,
  requesterName: z.string(),
  communityCode: AreaCode,
  filter: z.record(z.string(), z.string().optional()),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'downloaded', 'expired']),
  decidedAt: IsoDateTime.nullable(),
  /** Who approved or rejected it, and their note. */
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  expiresAt: IsoDateTime.nullable(),
  rowCount: z.number().int().nullable(),
  createdAt: IsoDateTime,
  /** Every area the export may contain (the approver must hold all of them), with names. */
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Rows the filter matched in those areas when the request was made (the download may differ). */
  estimatedRows: z.number().int().nullable(),
  allowedActions: z.array(z.string()),
});
export const ExportRequestList = z.object({ items: z.array(ExportRequest) });
export const ExportDecisionInput = z.object({ approve: z.boolean(), note: z.string().trim().max(300).optional() });
