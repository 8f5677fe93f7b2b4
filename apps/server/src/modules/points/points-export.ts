// The points ledger as an .xlsx workbook: sheet 积分流水 (every transfer in scope) and sheet 账户余额 (balances).
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import { volunteerRefs } from '../volunteers';
import { exportTransfers, listAccounts } from './points.repository';

export const KIND_LABELS: Record<string, string> = {
  issuer: '社区发行账户',
  volunteer: '志愿者',
  supermarket: '慈善超市',
};
const TRANSFER_LABELS: Record<string, string> = {
  earn: '服务获得',
  redeem: '兑换',
  return: '退货退回',
  reverse: '冲正',
  adjust: '人工调整',
};
const EXPORT_LIMIT = 50_000;

/** Volunteers appear with their masked names only; the caller has checked `areaCode` against the actor's scope. */
export async function exportPointsXlsx(ctx: AppContext, actor: Actor, areaCode: string | undefined): Promise<Buffer> {
  const transfers = await exportTransfers(ctx.db, actor.scopePrefixes, areaCode, EXPORT_LIMIT);
  const accounts = await listAccounts(ctx.db, {
    prefixes: actor.scopePrefixes,
    areaCode: areaCode,
    page: 1,
    pageSize: EXPORT_LIMIT,
  });
  const volunteerIds = [
    ...new Set([
      ...accounts.rows.filter((a) => a.kind === 'volunteer').map((a) => a.ownerId),
      ...transfers.flatMap((t) => [
        ...(t.fromKind === 'volunteer' ? [t.fromOwner] : []),
        ...(t.toKind === 'volunteer' ? [t.toOwner] : []),
      ]),
    ]),
  ];
  const refs = volunteerIds.length ? await volunteerRefs(ctx.db, volunteerIds) : new Map();
  const who = (kind: string, owner: string) =>
    kind === 'volunteer'
      ? `${KIND_LABELS.volunteer} ${refs.get(owner)?.maskedName ?? ''}`.trim()
      : `${KIND_LABELS[kind] ?? kind} ${owner}`;
  const book = new ExcelJS.Workbook();
  const ledger = book.addWorksheet('积分流水');
  ledger.addRow(['流水号', '时间', '所属社区', '类型', '转出', '转入', '积分', '说明', '来源', '冲正/退回的流水']);
  for (const { t, fromKind, fromOwner, toKind, toOwner } of transfers)
    ledger.addRow([
      t.id,
      t.createdAt.toISOString(),
      t.areaCode,
      TRANSFER_LABELS[t.kind] ?? t.kind,
      who(fromKind, fromOwner),
      who(toKind, toOwner),
      Number(t.points),
      t.memo,
      `${t.refType}:${t.refId}`,
      t.reversesTransferId ?? '',
    ]);
  const balances = book.addWorksheet('账户余额');
  balances.addRow(['账户', '所属社区', '账户类型', '户主', '余额']);
  for (const a of accounts.rows)
    balances.addRow([a.id, a.areaCode, KIND_LABELS[a.kind], who(a.kind, a.ownerId), Number(a.balance)]);
  for (const sheet of [ledger, balances]) sheet.getRow(1).font = { bold: true };
  await ctx.db.transaction((tx) =>
    auditInTx(ctx, tx, actor, {
      action: 'points.export_xlsx',
      objectType: 'point_account',
      objectIds: [],
      detail: `${areaCode ?? 'scope'}: ${transfers.length} transfers, ${accounts.rows.length} accounts`,
    }),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
