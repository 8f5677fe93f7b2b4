import { randomUUID } from 'node:crypto';
import type { ApprovalView } from '@linli/contracts';
import {
  type Actor,
  areaCodeOfPrefix,
  codeInPrefixes,
  hasPermission,
  intersectPrefixes,
} from '../../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { deniedNotFound } from '../../../platform/request-context';
import { findAreas } from '../../org';
import { countClients } from '../clients/clients.repository';
import { clientVisibility } from '../clients/clients.policy';
import type { LedgerExportService } from '../ledger/ledger-export.service';
import { tellApprovers } from '../approval-notice';
import { allowedExportActions, coveringArea, exportPolicy, exportScope } from './exports.policy';
import {
  claimDownload,
  decideExportRequest,
  type ExportRequestRow as Row,
  findExportRequest,
  insertExportRequest,
  listExportRequests,
  requesterNames,
  setRowCount,
} from './exports.repository';

type Filter = Record<string, string | undefined>;
/** An approved request can be downloaded once, within this many hours. */
export const DOWNLOAD_WINDOW_HOURS = 24;

/**
 * Unmasked ledger exports: requested with a reason, approved by someone else who holds every area the export
 * can contain, downloaded once, watermarked, audited. The file covers the intersection of the requester's
 * jurisdiction, the approver's and the recorded filter (F3).
 */
export class ExportsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly ledger: LedgerExportService,
  ) {}

  private async toDtos(actor: Actor, rows: Row[]) {
    const requesterIds = [
      ...new Set(rows.flatMap((r) => (r.decidedBy ? [r.requesterId, r.decidedBy] : [r.requesterId]))),
    ];
    const codes = [...new Set(rows.flatMap((r) => r.scopePrefixes.map(areaCodeOfPrefix)))];
    const [requesters, areas] = await Promise.all([
      requesterNames(this.ctx.db, requesterIds),
      findAreas(this.ctx.db, codes),
    ]);
    const nameOf = new Map(requesters.map((u) => [u.id, u.name]));
    const areaName = new Map(areas.map((a) => [a.code, a.name]));
    return rows.map((row) => ({
      id: row.id,
      requesterId: row.requesterId,
      requesterName: nameOf.get(row.requesterId) ?? '',
      communityCode: row.areaCode,
      filter: row.filter,
      reason: row.reason,
      status:
        row.status === 'approved' && row.expiresAt && row.expiresAt <= this.ctx.clock.now()
          ? ('expired' as const)
          : row.status,
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
      allowedActions: allowedExportActions(actor, row, this.ctx.clock.now()),
    }));
  }

  private async toDto(actor: Actor, row: Row) {
    return (await this.toDtos(actor, [row]))[0]!;
  }

  async request(actor: Actor, filter: Filter, reason: string) {
    if (!hasPermission(actor, 'care.client.reveal')) throw new AppError('common.forbidden');
    for (const code of [filter.communityCode, filter.gridCode])
      if (code && !codeInPrefixes(code, actor.scopePrefixes)) throw new AppError('area.not_found');
    const scope = exportScope(actor, filter);
    if (scope.length === 0) throw new AppError('area.not_found');
    const now = this.ctx.clock.now();
    const visibility = { ...clientVisibility(actor, now), prefixes: scope };
    const estimatedRows = await countClients(this.ctx.db, visibility, {
      ...filter,
      overdueOn: filter.overdue === 'true' ? chinaToday(now) : undefined,
    });
    const row: Row = {
      id: randomUUID(),
      requesterId: actor.userId,
      areaCode: coveringArea(scope),
      filter,
      reason,
      scopePrefixes: scope,
      approverPrefixes: null,
      estimatedRows,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      expiresAt: null,
      downloadedAt: null,
      rowCount: null,
      createdAt: now,
    };
    await this.ctx.db.transaction(async (tx) => {
      await insertExportRequest(tx, row);
      await tellApprovers(this.ctx, tx, {
        permission: 'care.export.approve',
        areaCode: row.areaCode,
        requestedBy: actor.userId,
        kind: 'export',
        objectType: 'export',
        objectId: row.id,
        link: '/care/exports',
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'export.request',
        objectType: 'export',
        objectIds: [row.id],
        detail: `reason: ${reason}; areas ${scope.join(',')}; about ${estimatedRows} rows; filter ${describeFilter(filter)}`,
      });
    });
    return this.toDto(actor, row);
  }

  async list(actor: Actor, view?: ApprovalView) {
    // The user's own requests, the ones they decided (so an approver can see what they released), and for an approver
    // the pending requests whose covering area lies in their jurisdiction (one spanning beyond it is not theirs to
    // see: it covers areas they do not hold).
    const rows = await listExportRequests(
      this.ctx.db,
      actor.userId,
      hasPermission(actor, 'care.export.approve') ? actor.scopePrefixes : null,
      view,
    );
    auditRead(this.ctx, actor, {
      action: 'export.list',
      objectType: 'export',
      objectIds: rows.map((r) => r.id),
      fields: ['requesterName', 'reason'],
    });
    return { items: await this.toDtos(actor, rows) };
  }

  private async load(actor: Actor, id: string): Promise<Row> {
    const row = await findExportRequest(this.ctx.db, id);
    if (!row || !exportPolicy.canSee(actor, row)) throw deniedNotFound(this.ctx, actor, 'export', [id]);
    return row;
  }

  async decide(actor: Actor, id: string, approve: boolean, note?: string) {
    const row = await this.load(actor, id);
    if (!exportPolicy.canDecide(actor, row)) {
      if (row.requesterId === actor.userId) throw new AppError('common.forbidden');
      if (row.status !== 'pending') throw new AppError('care.invalid_state');
      await this.ctx.db.transaction((tx) =>
        auditInTx(this.ctx, tx, actor, {
          action: approve ? 'export.approve' : 'export.reject',
          objectType: 'export',
          objectIds: [id],
          result: 'denied',
          detail: `approver does not hold ${row.scopePrefixes.join(',')}`,
        }),
      );
      throw new AppError('common.approver_scope');
    }
    const now = this.ctx.clock.now();
    const patch = {
      status: approve ? ('approved' as const) : ('rejected' as const),
      decidedBy: actor.userId,
      decidedAt: now,
      decisionNote: note ?? null,
      approverPrefixes: [...actor.scopePrefixes],
      expiresAt: approve ? new Date(now.getTime() + DOWNLOAD_WINDOW_HOURS * 3600_000) : null,
    };
    await this.ctx.db.transaction(async (tx) => {
      if (!(await decideExportRequest(tx, id, patch))) throw new AppError('care.invalid_state');
      await auditInTx(this.ctx, tx, actor, {
        action: approve ? 'export.approve' : 'export.reject',
        objectType: 'export',
        objectIds: [id],
        detail: `areas ${row.scopePrefixes.join(',')}; about ${row.estimatedRows ?? '?'} rows`,
      });
    });
    return this.toDto(actor, { ...row, ...patch });
  }

  /** Produces the unmasked, watermarked file once for the requester, inside the download window. */
  async download(actor: Actor, id: string): Promise<Buffer> {
    const row = await this.load(actor, id);
    if (!exportPolicy.canDownload(actor, row, this.ctx.clock.now())) {
      await this.ctx.db.transaction((tx) =>
        auditInTx(this.ctx, tx, actor, {
          action: 'export.download',
          objectType: 'export',
          objectIds: [id],
          result: 'denied',
          detail: row.status,
        }),
      );
      throw new AppError(row.requesterId === actor.userId ? 'care.invalid_state' : 'common.forbidden');
    }
    // Requested areas ∩ the approver's jurisdiction at the decision ∩ the requester's jurisdiction now.
    const prefixes = intersectPrefixes(
      intersectPrefixes(row.scopePrefixes, row.approverPrefixes ?? []),
      actor.scopePrefixes,
    );
    if (!(await claimDownload(this.ctx.db, id, this.ctx.clock.now()))) throw new AppError('care.invalid_state');
    const { buffer, count } = await this.ledger.exportClients(
      actor,
      { ...(row.filter as Filter), page: 1, pageSize: 1000 } as Parameters<LedgerExportService['exportClients']>[1],
      { requestId: id, prefixes },
    );
    await setRowCount(this.ctx.db, id, count);
    return buffer;
  }
}

/** The filter for the audit detail: which fields were set, and the free-text search only as "search" (F9). */
export function describeFilter(filter: Filter): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => (k === 'q' ? 'q=(search text)' : `${k}=${v}`));
  return parts.length ? parts.join(' ') : '(none)';
}
