import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { volunteerRefs } from '../volunteers';
import { listRedemptions } from './redemption.repository';
import { listMovements } from './supermarket.repository';
import type { SupermarketService } from './supermarket.service';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Text a spreadsheet would take for a formula is written behind an apostrophe. */
const guard = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
const PAGE = 500;
const MAX_ROWS = 100_000;

const KINDS: Record<string, string> = {
  donation: '捐赠入库',
  redemption: '兑换出库',
  return: '退还入库',
  adjustment: '盘点调整',
};
const DONORS: Record<string, string> = { person: '个人', organisation: '单位', anonymous: '匿名' };
const STATUSES: Record<string, string> = {
  reserved: '已预约',
  collected: '已领取',
  cancelled: '已取消',
  expired: '已过期',
  returned: '已退还',
};
const CHANNELS: Record<string, string> = { counter: '柜台兑换', reservation: '线上预约' };

export const MOVEMENT_HEADINGS = [
  '时间',
  '物品',
  '类型',
  '数量',
  '结存',
  '捐赠方类型',
  '捐赠方',
  '慈善款物登记号',
  '备注',
  '兑换单号',
];
export const REDEMPTION_HEADINGS = [
  '兑换单号',
  '时间',
  '渠道',
  '状态',
  '志愿者（脱敏）',
  '物品明细',
  '积分',
  '已退积分',
];

async function workbook(sheetName: string, headings: string[], rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Linli 邻里';
  const sheet = book.addWorksheet(sheetName);
  sheet.columns = headings.map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 2), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(guard));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const time = (d: Date) => d.toISOString();

/** The stock ledger and the redemptions of one supermarket as .xlsx (volunteers masked), audited. */
export class SupermarketExportService {
  constructor(
    private readonly ctx: AppContext,
    private readonly markets: SupermarketService,
  ) {}

  async movements(actor: Actor, supermarketId: string): Promise<{ name: string; buffer: Buffer }> {
    const market = await this.markets.visible(actor, supermarketId);
    const rows: string[][] = [];
    for (let page = 1; rows.length < MAX_ROWS; page++) {
      const batch = await listMovements(this.ctx.db, {
        prefixes: [market.areaCode],
        supermarketId,
        page,
        pageSize: PAGE,
      });
      for (const { m, itemName } of batch.rows)
        rows.push([
          time(m.createdAt),
          itemName,
          KINDS[m.kind] ?? m.kind,
          String(m.quantity),
          String(m.stockAfter),
          m.donorKind ? (DONORS[m.donorKind] ?? m.donorKind) : '',
          m.donorName ?? '',
          m.fundReference ?? '',
          m.note ?? '',
          m.redemptionId ?? '',
        ]);
      if (batch.rows.length < PAGE) break;
    }
    await this.audit(actor, supermarketId, 'movements');
    return { name: `库存台账-${market.name}.xlsx`, buffer: await workbook('库存台账', MOVEMENT_HEADINGS, rows) };
  }

  async redemptions(actor: Actor, supermarketId: string): Promise<{ name: string; buffer: Buffer }> {
    const market = await this.markets.visible(actor, supermarketId);
    const rows: string[][] = [];
    for (let page = 1; rows.length < MAX_ROWS; page++) {
      const batch = await listRedemptions(this.ctx.db, {
        prefixes: [market.areaCode],
        supermarketId,
        page,
        pageSize: PAGE,
      });
      const names = await volunteerRefs(this.ctx.db, [...new Set(batch.rows.map((r) => r.volunteerId))]);
      for (const r of batch.rows)
        rows.push([
          r.id,
          time(r.createdAt),
          CHANNELS[r.channel] ?? r.channel,
          STATUSES[r.status] ?? r.status,
          names.get(r.volunteerId)?.maskedName ?? '',
          r.lines.map((l) => `${l.itemName}×${l.quantity}${l.unit}`).join('；'),
          String(r.totalPoints),
          String(r.returnedPoints),
        ]);
      if (batch.rows.length < PAGE) break;
    }
    await this.audit(actor, supermarketId, 'redemptions');
    return { name: `兑换记录-${market.name}.xlsx`, buffer: await workbook('兑换记录', REDEMPTION_HEADINGS, rows) };
  }

  private async audit(actor: Actor, supermarketId: string, what: string) {
    await this.ctx.db.transaction((tx) =>
      auditInTx(this.ctx, tx, actor, {
        action: 'supermarket.export',
        objectType: 'supermarket',
        objectIds: [supermarketId],
        detail: what,
      }),
    );
  }
}
