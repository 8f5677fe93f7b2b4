import { type Actor, codeInPrefixes } from '../../../platform/access';
import { type AppContext, auditInTx } from '../../../platform/context';
import { chinaToday } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { clientVisibility } from '../clients/clients.policy';
import type { ClientsService } from '../clients/clients.service';
import { describeFilter } from '../exports/exports.service';
import { LEDGER_HEADINGS, writeLedgerStreaming } from './ledger-format';
import { forEachClientInListOrder, listAreasInScopeForLedger } from './ledger.repository';
import { ledgerCells } from './ledger-rows';

/** Ledger exports: the filtered client list written through one cursor into the streaming writer, watermarked. */
export class LedgerExportService {
  constructor(private readonly ctx: AppContext) {}

  /**
   * The current filtered list as a ledger. Masked by default; `unmasked` is only passed by an approved export
   * request (exports.service.ts), and the watermark then names the request.
   */
  async exportClients(
    actor: Actor,
    query: Parameters<ClientsService['list']>[1],
    unmasked?: { requestId: string; prefixes: string[] },
  ): Promise<{ buffer: Buffer; count: number }> {
    for (const code of [query.communityCode, query.gridCode]) {
      if (code && !codeInPrefixes(code, actor.scopePrefixes)) throw new AppError('area.not_found');
    }
    // Reads on the replica when there is one (ADR 0008); the audit row below is written on the primary.
    const db = await this.ctx.readDb(actor);
    const areas = new Map((await listAreasInScopeForLedger(db, actor.scopePrefixes)).map((a) => [a.code, a.name]));
    const now = this.ctx.clock.now();
    const when = `${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} 北京时间`;
    const watermark = unmasked
      ? `${actor.displayName}（${actor.username}）导出于 ${when} · 未脱敏 · 审批单 ${unmasked.requestId.slice(0, 8)} · 仅限工作使用，不得外传`
      : `${actor.displayName}（${actor.username}）导出于 ${when} · 已脱敏`;
    const firstIds: string[] = [];
    let rowCount = 0;
    const filter = { ...query, overdueOn: query.overdue === 'true' ? chinaToday(now) : undefined };
    const buffer = await writeLedgerStreaming(
      async (add) => {
        // An approved unmasked export is bounded by the areas of its approval (F3), not by the requester's whole scope.
        const visibility = unmasked
          ? { ...clientVisibility(actor, now), prefixes: unmasked.prefixes }
          : clientVisibility(actor, now);
        rowCount = await forEachClientInListOrder(db, visibility, filter, 2000, async (batch) => {
          for (const r of batch) {
            if (firstIds.length < 100) firstIds.push(r.id);
            // Awaited: other users' requests get a turn every few milliseconds (platform/xlsx-writer.ts).
            await add({ cells: ledgerCells(r, areas, Boolean(unmasked), (enc) => this.ctx.cipher.decrypt(enc)) });
          }
        });
      },
      '兜底服务对象台账',
      watermark,
    );
    await this.ctx.db.transaction((tx) =>
      auditInTx(this.ctx, tx, actor, {
        action: unmasked ? 'client.export_unmasked' : 'client.export',
        objectType: 'client',
        objectIds: firstIds,
        fields: [...LEDGER_HEADINGS],
        detail: `${unmasked ? `UNMASKED, request ${unmasked.requestId}, areas ${unmasked.prefixes.join(',')}` : 'masked'}; ${rowCount} rows; filter ${describeFilter({ ...query, page: undefined, pageSize: undefined })}`,
      }),
    );
    return { buffer, count: rowCount };
  }
}
