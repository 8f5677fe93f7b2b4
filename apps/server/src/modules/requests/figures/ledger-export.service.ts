import type { RequestPeriodQuery } from '@linli/contracts/modules/requests';
import type { Actor } from '../../../platform/access';
import { type AppContext, auditInTx } from '../../../platform/context';
import { type LedgerRequestRow, ledgerPage } from './figures.repository';
import { periodScope } from './figures.service';
import { writeSheet } from '../../../platform/xlsx-writer';

/** The request ledger's columns (literal Chinese, like the client ledger's); the requester only as masked copies. */
export const REQUEST_LEDGER_HEADINGS = [
  '诉求编号',
  '受理渠道',
  '诉求类别',
  '所属社区',
  '责任单位',
  '状态',
  '紧急程度',
  '诉求人（脱敏）',
  '联系电话（脱敏）',
  '12345工单编号',
  '受理时间',
  '签收时间',
  '签收期限',
  '办结期限',
  '办结时间',
  '是否按时办结',
  '满意度评价',
] as const;

const CHANNELS: Record<string, string> = {
  resident_app: '居民端',
  walk_in: '来访',
  phone: '来电',
  visit: '走访',
  hotline_12345: '12345热线',
  open311: 'Open311接口',
};
const STATUSES: Record<string, string> = {
  submitted: '待分拣',
  assigned: '待签收',
  in_progress: '处理中',
  resolved: '已办结',
  closed: '已评价',
  rejected: '已驳回',
  merged: '已合并',
};
const URGENCIES: Record<string, string> = { urgent: '紧急', normal: '一般' };
const RATINGS: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  unrated: '未评价',
};
const PAGE = 2000;

function cells(r: LedgerRequestRow): string[] {
  return [
    r.number,
    CHANNELS[r.channel] ?? r.channel,
    r.categoryName ?? '',
    r.areaName ?? r.areaCode,
    r.unitLabel ?? '',
    STATUSES[r.status] ?? r.status,
    URGENCIES[r.urgency] ?? r.urgency,
    r.requesterNameMasked ?? '',
    r.requesterPhoneMasked ?? '',
    r.externalRef ?? '',
    r.receivedAt,
    r.signedAt ?? '',
    r.signDueAt ?? '',
    r.dueAt ?? '',
    r.resolvedAt ?? '',
    r.resolvedOnTime === null ? '' : r.resolvedOnTime ? '是' : '否',
    r.rating ? (RATINGS[r.rating] ?? r.rating) : '',
  ];
}

/**
 * 诉求台账 for a period (.xlsx): one row per request received in it, in the actor's jurisdiction, read in pages into
 * the streaming writer. Always masked (the masked copies stored beside the ciphertext), so it needs no approval —
 * an unmasked export would go through an approval like care's exports; watermarked and audited.
 */
export class RequestLedgerExportService {
  constructor(private readonly ctx: AppContext) {}

  async exportLedger(actor: Actor, query: RequestPeriodQuery): Promise<{ buffer: Buffer; count: number }> {
    const scope = periodScope(actor, query);
    const now = this.ctx.clock.now();
    const when = `${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} 北京时间`;
    const watermark = `${actor.displayName}（${actor.username}）导出于 ${when} · 已脱敏`;
    const firstIds: string[] = [];
    let count = 0;
    const buffer = await writeSheet(
      {
        sheetName: '诉求台账',
        headings: REQUEST_LEDGER_HEADINGS,
        widths: { 诉求编号: 16, 诉求类别: 18, 所属社区: 18, 责任单位: 22, 受理时间: 17, 办结时间: 17 },
        title: `诉求台账 ${query.from} 至 ${query.to}（${watermark}）`,
        watermark,
      },
      async (add) => {
        let after: { createdAt: string; id: string } | null = null;
        for (;;) {
          const page = await ledgerPage(this.ctx.db, scope, after, PAGE, now);
          for (const r of page) {
            if (firstIds.length < 100) firstIds.push(r.id);
            await add(cells(r)); // a turn for other requests now and then (platform/xlsx-writer.ts)
          }
          count += page.length;
          if (page.length < PAGE) break;
          after = { createdAt: page[page.length - 1]!.createdAtIso, id: page[page.length - 1]!.id };
        }
      },
    );
    await this.ctx.db.transaction((tx) =>
      auditInTx(this.ctx, tx, actor, {
        action: 'request.export',
        objectType: 'request',
        objectIds: firstIds,
        fields: ['requester_name_masked', 'requester_phone_masked'],
        detail: `masked; ${count} rows; period ${query.from}..${query.to}${query.areaCode ? `; area ${query.areaCode}` : ''}`,
      }),
    );
    return { buffer, count };
  }
}
