// The national CSV with full ID numbers (R-18, docs/hours.md): the masked CSV cannot be matched by the national
// system, so the full numbers leave only through an approved export, the way care's unmasked ledger does
// (care/exports): a request with a reason → someone else with `hours.export.approve` over every area decides → the
// requester downloads once within 24 hours; the volunteers module decrypts the numbers and audits the read.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ApprovalView, ExportRequest as ExportRequestSchema } from '@linli/contracts';
import { type ExportQuery, type IdExportRequestInput, NATIONAL_CSV_COLUMNS } from '@linli/contracts/modules/hours';
import { type Actor, areaCodeOfPrefix, hasPermission, intersectPrefixes } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findAreas } from '../org';
import { usersHoldingPermissionOver } from '../users';
import { volunteerIdNumbers } from '../volunteers';
import { type HoursExportService, nationalCsvText } from './hours-export';
import { coveringArea, idExportActions, idExportPolicy, idExportScope } from './hours-id-export.policy';
import {
  type HourExportRequestRow as Row,
  claimHourExportDownload,
  decideHourExportRequest,
  findHourExportRequest,
  insertHourExportRequest,
  listHourExportRequests,
  setHourExportRowCount,
  staffNames,
} from './hours-id-export.repository';

/** An approved request can be downloaded once, within this many hours (as care's unmasked exports). */
export const ID_EXPORT_WINDOW_HOURS = 24;

type Filter = Record<string, string | undefined>;
/** A request as answered (the contract care's approved exports answer with too). */
type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** The filter for an audit detail: which fields were set. */
function describeFilter(filter: Filter): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(' ') : '(none)';
}

export class HoursIdExportService {
  constructor(
    private readonly ctx: AppContext,
    private readonly exports: HoursExportService,
  ) {}

  private async toDtos(actor: Actor, rows: Row[]): Promise<ExportRequest[]> {
    const people = [...new Set(rows.flatMap((r) => (r.decidedBy ? [r.requesterId, r.decidedBy] : [r.requesterId])))];
    const codes = [...new Set(rows.flatMap((r) => r.scopePrefixes.map(areaCodeOfPrefix)))];
    const [names, areas] = await Promise.all([staffNames(this.ctx.db, people), findAreas(this.ctx.db, codes)]);
    const nameOf = new Map(names.map((u) => [u.id, u.name]));
    const areaName = new Map(areas.map((a) => [a.code, a.name]));
    const now = this.ctx.clock.now();
    return rows.map((row) => ({
      id: row.id,
      requesterId: row.requesterId,
      requesterName: nameOf.get(row.requesterId) ?? '',
      communityCode: row.areaCode,
      filter: row.filter,
      reason: row.reason,
      status: row.status === 'approved' && row.expiresAt && row.expiresAt <= now ? 'expired' : row.status,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decidedByName: row.decidedBy ? (nameOf.get(row.decidedBy) ?? null) : null,
      decisionNote: row.decisionNote,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      rowCount: row.rowCount,
      createdAt: row.createdAt.toISOString(),
      estimatedRows: row.estimatedRows,
      areas: row.scopePrefixes.map((p) => ({
        code: areaCodeOfPrefix(p),
        name: areaName.get(areaCodeOfPrefix(p)) ?? areaCodeOfPrefix(p),
      })),
      allowedActions: idExportActions(actor, row, now),
    }));
  }

  private async toDto(actor: Actor, row: Row): Promise<ExportRequest> {
    return (await this.toDtos(actor, [row]))[0]!;
  }

  /** Asks for the national CSV with full ID numbers of an area and period; tells those who may approve it. */
  async request(actor: Actor, input: IdExportRequestInput): Promise<ExportRequest> {
    const { reason, ...query } = input;
    // The masked export's own checks (an area or team outside the jurisdiction answers 404); its rows, the estimate.
    const estimatedRows = (await this.exports.entries(actor, query)).rows.length;
    const scope = idExportScope(actor, query.areaCode);
    if (scope.length === 0) throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode ?? ''], 'area.not_found');
    const now = this.ctx.clock.now();
    const row: Row = {
      id: randomUUID(),
      requesterId: actor.userId,
      areaCode: coveringArea(scope),
      filter: query,
      reason,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      expiresAt: null,
      downloadedAt: null,
      rowCount: null,
      createdAt: now,
      scopePrefixes: scope,
      approverPrefixes: null,
      estimatedRows,
    };
    await this.ctx.db.transaction(async (tx) => {
      await insertHourExportRequest(tx, row);
      await this.ctx.notifier.notify(tx, {
        userIds: await usersHoldingPermissionOver(tx, 'hours.export.approve', row.areaCode, actor.userId),
        event: 'approval.waiting',
        areaCode: row.areaCode,
        objectType: 'hour_export',
        objectId: row.id,
        link: '/hours?tab=exports',
        params: { kind: 'export' },
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.id_export_request',
        objectType: 'hour_export',
        objectIds: [row.id],
        detail: `reason: ${reason}; areas ${scope.join(',')}; about ${estimatedRows} rows; filter ${describeFilter(query)}`,
      });
    });
    return this.toDto(actor, row);
  }

  /** One's own requests, the ones one decided, and for an approver those waiting in the jurisdiction. */
  async list(actor: Actor, view?: ApprovalView): Promise<{ items: ExportRequest[] }> {
    const approver = hasPermission(actor, 'hours.export.approve') ? actor.scopePrefixes : null;
    const rows = await listHourExportRequests(this.ctx.db, actor.userId, approver, view);
    auditRead(this.ctx, actor, {
      action: 'hours.id_export_list',
      objectType: 'hour_export',
      objectIds: rows.map((r) => r.id),
      fields: ['requesterName', 'reason'],
    });
    return { items: await this.toDtos(actor, rows) };
  }

  private async load(actor: Actor, id: string): Promise<Row> {
    const row = await findHourExportRequest(this.ctx.db, id);
    if (!row || !idExportPolicy.canSee(actor, row)) throw deniedNotFound(this.ctx, actor, 'hour_export', [id]);
    return row;
  }

  private async refused(actor: Actor, action: string, id: string, detail: string): Promise<void> {
    await this.ctx.db.transaction((tx) =>
      auditInTx(this.ctx, tx, actor, { action, objectType: 'hour_export', objectIds: [id], result: 'denied', detail }),
    );
  }

  async decide(actor: Actor, id: string, approve: boolean, note?: string): Promise<ExportRequest> {
    const row = await this.load(actor, id);
    const action = approve ? 'hours.id_export_approve' : 'hours.id_export_reject';
    if (!idExportPolicy.canDecide(actor, row)) {
      if (row.requesterId === actor.userId) {
        await this.refused(actor, action, id, 'the requester may not decide their own request');
        throw new AppError('common.forbidden');
      }
      if (row.status !== 'pending') throw new AppError('hours.export_decided');
      await this.refused(actor, action, id, `approver does not hold ${row.scopePrefixes.join(',')}`);
      throw new AppError('common.approver_scope');
    }
    const now = this.ctx.clock.now();
    const patch = {
      status: approve ? ('approved' as const) : ('rejected' as const),
      decidedBy: actor.userId,
      decidedAt: now,
      decisionNote: note ?? null,
      approverPrefixes: [...actor.scopePrefixes],
      expiresAt: approve ? new Date(now.getTime() + ID_EXPORT_WINDOW_HOURS * 3600_000) : null,
    };
    await this.ctx.db.transaction(async (tx) => {
      if (!(await decideHourExportRequest(tx, id, patch))) throw new AppError('hours.export_decided');
      await auditInTx(this.ctx, tx, actor, {
        action,
        objectType: 'hour_export',
        objectIds: [id],
        detail: `areas ${row.scopePrefixes.join(',')}; about ${row.estimatedRows ?? '?'} rows`,
      });
    });
    return this.toDto(actor, { ...row, ...patch });
  }

  /**
   * The CSV with full ID numbers, once, for the requester, inside the window: the rows of the recorded filter within
   * the requested areas ∩ the approver's jurisdiction at the decision ∩ the requester's now. Claiming the download,
   * decrypting (audited by the volunteers module) and the download's audit row commit together.
   */
  async download(actor: Actor, id: string): Promise<string> {
    const row = await this.load(actor, id);
    const now = this.ctx.clock.now();
    if (!idExportPolicy.canDownload(actor, row, now)) {
      await this.refused(actor, 'hours.id_export_download', id, row.status);
      throw new AppError(row.requesterId === actor.userId ? 'hours.export_unavailable' : 'common.forbidden');
    }
    const prefixes = intersectPrefixes(
      intersectPrefixes(row.scopePrefixes, row.approverPrefixes ?? []),
      actor.scopePrefixes,
    );
    // The prefixes already hold the requested area: the filter's areaCode is not applied twice.
    const query = { ...(row.filter as ExportQuery), areaCode: undefined };
    const { rows: entries } = await this.exports.entries({ ...actor, scopePrefixes: prefixes }, query);
    return this.ctx.db.transaction(async (tx) => {
      if (!(await claimHourExportDownload(tx, id, now))) throw new AppError('hours.export_unavailable');
      const identities = await volunteerIdNumbers(
        this.ctx,
        tx,
        actor,
        entries.map((e) => e.volunteerId),
        `national CSV of hours, approved export ${id}`,
      );
      await setHourExportRowCount(tx, id, entries.length);
      await auditInTx(this.ctx, tx, actor, {
        action: 'hours.id_export_download',
        objectType: 'hour_export',
        objectIds: [id],
        fields: [...NATIONAL_CSV_COLUMNS],
        detail: `FULL ID NUMBERS, request ${id}, areas ${prefixes.join(',')}; ${entries.length} rows; ${identities.size} volunteers; filter ${describeFilter(row.filter)}`,
      });
      return nationalCsvText(tx, entries, identities);
    });
  }
}
