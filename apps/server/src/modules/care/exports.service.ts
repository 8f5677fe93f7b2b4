import { randomUUID } from 'node:crypto';
import { and, desc, eq, or } from 'drizzle-orm';
import { type Actor, codeInPrefixes, hasPermission, inScope } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { users } from '../users';
import { exportRequests } from './cases.tables';
import type { LedgerService } from './ledger.service';

type Row = typeof exportRequests.$inferSelect;
type Filter = Record<string, string | undefined>;
/** An approved request can be downloaded once, within this many hours. */
export const DOWNLOAD_WINDOW_HOURS = 24;

/** Unmasked ledger exports: requested with a reason, approved by someone else, downloaded once, watermarked, audited. */
export class ExportsService {
  constructor(private readonly ctx: AppContext, private readonly ledger: LedgerService) {}

  private allowed(actor: Actor, row: Row): string[] {
    const actions: string[] = [];
    if (row.status === 'pending' && row.requesterId !== actor.userId && hasPermission(actor, 'care.export.approve') && codeInPrefixes(row.areaCode, actor.scopePrefixes)) actions.push('decide');
    if (row.status === 'approved' && row.requesterId === actor.userId && row.expiresAt && row.expiresAt > this.ctx.clock.now()) actions.push('download');
    return actions;
  }

  private async toDto(actor: Actor, row: Row) {
    const [requester] = await this.ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, row.requesterId));
    return {
      id: row.id, requesterId: row.requesterId, requesterName: requester?.name ?? '', communityCode: row.areaCode, filter: row.filter, reason: row.reason,
      status: row.status === 'approved' && row.expiresAt && row.expiresAt <= this.ctx.clock.now() ? ('expired' as const) : row.status,
      decidedAt: row.decidedAt?.toISOString() ?? null, expiresAt: row.expiresAt?.toISOString() ?? null, rowCount: row.rowCount,
      createdAt: row.createdAt.toISOString(), allowedActions: this.allowed(actor, row),
    };
  }

  async request(actor: Actor, filter: Filter, reason: string) {
    if (!hasPermission(actor, 'care.client.reveal')) throw new AppError('common.forbidden');
    for (const code of [filter.communityCode, filter.gridCode]) if (code && !codeInPrefixes(code, actor.scopePrefixes)) throw new AppError('area.not_found');
    const row: Row = {
      id: randomUUID(), requesterId: actor.userId, areaCode: filter.communityCode ?? actor.currentAreaCode ?? actor.areaCodes[0]!, filter, reason,
      status: 'pending', decidedBy: null, decidedAt: null, decisionNote: null, expiresAt: null, downloadedAt: null, rowCount: null, createdAt: this.ctx.clock.now(),
    };
    await this.ctx.db.transaction(async (tx) => {
      await tx.insert(exportRequests).values(row);
      await auditInTx(this.ctx, tx, actor, { action: 'export.request', objectType: 'export', objectIds: [row.id], detail: `reason: ${reason}; filter ${JSON.stringify(filter)}` });
    });
    return this.toDto(actor, row);
  }

  async list(actor: Actor) {
    const mine = eq(exportRequests.requesterId, actor.userId);
    const toDecide = hasPermission(actor, 'care.export.approve') ? and(eq(exportRequests.status, 'pending'), inScope(exportRequests.areaCode, actor.scopePrefixes)) : undefined;
    const rows = await this.ctx.db.select().from(exportRequests).where(toDecide ? or(mine, toDecide) : mine).orderBy(desc(exportRequests.createdAt)).limit(200);
    auditRead(this.ctx, actor, { action: 'export.list', objectType: 'export', objectIds: rows.map((r) => r.id), fields: ['requesterName', 'reason'] });
    return { items: await Promise.all(rows.map((r) => this.toDto(actor, r))) };
  }

  private async load(actor: Actor, id: string): Promise<Row> {
    const [row] = await this.ctx.db.select().from(exportRequests).where(eq(exportRequests.id, id));
    if (!row || (row.requesterId !== actor.userId && !codeInPrefixes(row.areaCode, actor.scopePrefixes))) throw deniedNotFound(this.ctx, actor, 'export', [id]);
    return row;
  }

  async decide(actor: Actor, id: string, approve: boolean, note?: string) {
    const row = await this.load(actor, id);
    if (!this.allowed(actor, row).includes('decide')) throw new AppError(row.requesterId === actor.userId ? 'common.forbidden' : 'care.invalid_state');
    const now = this.ctx.clock.now();
    const patch = { status: approve ? ('approved' as const) : ('rejected' as const), decidedBy: actor.userId, decidedAt: now, decisionNote: note ?? null, expiresAt: approve ? new Date(now.getTime() + DOWNLOAD_WINDOW_HOURS * 3600_000) : null };
    await this.ctx.db.transaction(async (tx) => {
      await tx.update(exportRequests).set(patch).where(and(eq(exportRequests.id, id), eq(exportRequests.status, 'pending')));
      await auditInTx(this.ctx, tx, actor, { action: approve ? 'export.approve' : 'export.reject', objectType: 'export', objectIds: [id] });
    });
    return this.toDto(actor, { ...row, ...patch });
  }

  /** Produces the unmasked, watermarked file once for the requester, inside the download window. */
  async download(actor: Actor, id: string): Promise<Buffer> {
    const row = await this.load(actor, id);
    if (!this.allowed(actor, row).includes('download')) {
      await this.ctx.db.transaction((tx) => auditInTx(this.ctx, tx, actor, { action: 'export.download', objectType: 'export', objectIds: [id], result: 'denied', detail: row.status }));
      throw new AppError(row.requesterId === actor.userId ? 'care.invalid_state' : 'common.forbidden');
    }
    const claimed = await this.ctx.db.update(exportRequests).set({ status: 'downloaded', downloadedAt: this.ctx.clock.now() })
      .where(and(eq(exportRequests.id, id), eq(exportRequests.status, 'approved'))).returning({ id: exportRequests.id });
    if (!claimed.length) throw new AppError('care.invalid_state');
    const { buffer, count } = await this.ledger.exportClients(actor, { ...(row.filter as Filter), page: 1, pageSize: 1000 } as Parameters<LedgerService['exportClients']>[1], { requestId: id });
    await this.ctx.db.update(exportRequests).set({ rowCount: count }).where(eq(exportRequests.id, id));
    return buffer;
  }
}
