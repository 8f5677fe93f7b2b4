import type { Actor } from '../../platform/access';
import { type AppContext, auditRead } from '../../platform/context';
import { verifyAuditChain } from '../../platform/audit';
import { subjectNames } from './audit-subjects';
import { type AuditFilter, searchAudit } from './audit.repository';

export class AuditService {
  constructor(private readonly ctx: AppContext) {}

  async search(actor: Actor, filter: AuditFilter) {
    // Make what was just read by others visible to the auditor, then audit the auditor too.
    await this.ctx.auditWriter.flush();
    const { rows, total } = await searchAudit(this.ctx.db, filter);
    const names = await subjectNames(
      this.ctx.db,
      rows.flatMap((r) => r.objectIds),
    );
    auditRead(this.ctx, actor, {
      action: 'audit.search',
      objectType: 'audit',
      fields: ['actorName', 'ip'],
      detail: JSON.stringify({ ...filter, page: undefined, pageSize: undefined }),
    });
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        role: r.role,
        areaCodes: r.areaCodes,
        action: r.action,
        objectType: r.objectType,
        objectIds: r.objectIds,
        fields: r.fields,
        result: r.result,
        ip: r.ip,
        requestId: r.requestId,
        detail: r.detail,
        clientName: r.objectIds.map((id) => names.get(id)).find(Boolean) ?? null,
      })),
      total,
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  async verify(actor: Actor) {
    await this.ctx.auditWriter.flush();
    const result = await verifyAuditChain(this.ctx.db, this.ctx.keys.auditHmac, {
      anchor: this.ctx.auditWriter.anchor,
    });
    auditRead(this.ctx, actor, {
      action: 'audit.verify',
      result: result.ok ? 'success' : 'failure',
      detail: result.reason,
    });
    return result;
  }
}
