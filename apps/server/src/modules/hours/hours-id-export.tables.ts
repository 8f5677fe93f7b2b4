import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (column: string) => timestamp(column, { withTimezone: true, mode: 'date' });

/** Requests for the national CSV with full ID numbers: the same lifecycle as care's export_requests. */
export const hourExportRequests = pgTable('hour_export_requests', {
  id: uuid('id').primaryKey(),
  requesterId: uuid('requester_id').notNull(),
  /** The one area containing every prefix below (the approvers' queue is indexed by it). */
  areaCode: text('area_code').notNull(),
  /** The export's filter as asked: areaCode, from, to (and whatever ExportQuery adds). */
  filter: jsonb('filter').$type<Record<string, string | undefined>>().notNull(),
  reason: text('reason').notNull(),
  status: text('status').$type<'pending' | 'approved' | 'rejected' | 'downloaded'>().notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
  expiresAt: ts('expires_at'),
  downloadedAt: ts('downloaded_at'),
  rowCount: integer('row_count'),
  createdAt: ts('created_at').notNull(),
  /** The areas the export may contain: the requester's jurisdiction narrowed by the filter, as scope prefixes. */
  scopePrefixes: text('scope_prefixes').array().notNull(),
  /** The approver's jurisdiction when approving; the download is bounded by it too. */
  approverPrefixes: text('approver_prefixes').array(),
  estimatedRows: integer('estimated_rows'),
});
