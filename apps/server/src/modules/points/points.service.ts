import { randomUUID } from 'node:crypto';
import type {
  MyPoints,
  PointAccount,
  PointAdjustInput,
  PointCommunitySummary,
  PointRuleInput,
  PointRules,
  PointStatement,
  PointTeamQuery,
  PointTeamStatement,
} from '@linli/contracts/modules/points';
import { type Actor, scopeCommunities } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import type { DbOrTx, Tx } from '../../platform/db';
import { chinaToday } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { deniedNotFound } from '../../platform/request-context';
import { findArea } from '../org';
import { findVolunteerByUser, findVolunteerInScope, volunteerRefs } from '../volunteers';
import { districtOf, effectiveRule, volunteerAccount } from './points-earning';
import { ensurePointAccount, pointBalance, transferPoints } from './points-ledger';
import { findOwnedAccount } from './points-ledger.repository';
import { ownerLabels } from './points-owner-labels';
import { exportPointsXlsx } from './points-export';
import { exportTeamXlsx, teamStatement } from './points-team';
import { allowedAccountActions, pointsPolicy } from './points.policy';
import {
  type PointAccountRow,
  communityFigures,
  findAccountById,
  listAccounts,
  statementLines,
  totalsByKind,
} from './points.repository';
import { insertRule, listRules } from './points-rules.repository';

import { KIND_LABELS } from './points-export';

function totalsOf(byKind: Record<string, number>) {
  return {
    earned: byKind.earn ?? 0,
    spent: -(byKind.redeem ?? 0),
    returned: byKind.return ?? 0,
    reversed: -(byKind.reverse ?? 0),
    adjusted: byKind.adjust ?? 0,
  };
}

/** Use cases of the points module: authorise → rules → repository in a transaction → audit. */
export class PointsService {
  constructor(private readonly ctx: AppContext) {}

  private async labels(db: DbOrTx, rows: PointAccountRow[]): Promise<Map<string, string>> {
    const volunteerRows = rows.filter((r) => r.kind === 'volunteer');
    // A volunteer's account lies in the volunteer's home community: looked for there first.
    const refs = volunteerRows.length
      ? await volunteerRefs(
          db,
          volunteerRows.map((r) => r.ownerId),
          volunteerRows.map((r) => r.areaCode),
        )
      : new Map();
    const markets = await ownerLabels(
      db,
      'supermarket',
      rows.filter((r) => r.kind === 'supermarket').map((r) => r.ownerId),
    );
    const out = new Map<string, string>();
    for (const r of rows) {
      if (r.kind === 'volunteer') out.set(r.id, refs.get(r.ownerId)?.maskedName ?? '志愿者');
      else if (r.kind === 'issuer') out.set(r.id, (await findArea(db, r.ownerId))?.name ?? r.ownerId);
      else out.set(r.id, markets.get(r.ownerId) ?? `${KIND_LABELS.supermarket} ${r.ownerId.slice(0, 8)}`);
    }
    return out;
  }

  private toAccount(actor: Actor, row: PointAccountRow, label: string): PointAccount {
    return {
      id: row.id,
      areaCode: row.areaCode,
      kind: row.kind,
      ownerId: row.ownerId,
      ownerLabel: label,
      balance: Number(row.balance),
      allowedActions: allowedAccountActions(actor, row),
    };
  }

  async listAccounts(
    actor: Actor,
    query: {
      areaCode?: string | undefined;
      kind?: PointAccountRow['kind'] | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    if (query.areaCode && !pointsPolicy.canRead(actor, query.areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    const { rows, total } = await listAccounts(this.ctx.db, { prefixes: actor.scopePrefixes, ...query });
    const labels = await this.labels(this.ctx.db, rows);
    auditRead(this.ctx, actor, {
      action: 'points.accounts_list',
      objectType: 'point_account',
      objectIds: rows.map((r) => r.id),
      fields: ['balance'],
    });
    return {
      items: rows.map((r) => this.toAccount(actor, r, labels.get(r.id) ?? '')),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private async statementOf(actor: Actor, row: PointAccountRow, page: number, pageSize: number) {
    const [labels, lines, byKind] = await Promise.all([
      this.labels(this.ctx.db, [row]),
      statementLines(this.ctx.db, row, page, pageSize),
      totalsByKind(this.ctx.db, row),
    ]);
    return {
      account: this.toAccount(actor, row, labels.get(row.id) ?? ''),
      totals: totalsOf(byKind),
      lines: {
        items: lines.rows.map((l) => ({
          id: l.transferId,
          kind: l.kind,
          points: l.points,
          memo: l.memo,
          refType: l.refType,
          refId: l.refId,
          reversesTransferId: l.reversesTransferId,
          counterpartKind: l.counterpartKind,
          createdAt: l.createdAt.toISOString(),
        })),
        total: lines.total,
        page,
        pageSize,
      },
    };
  }

  async statement(actor: Actor, accountId: string, query: { page: number; pageSize: number }): Promise<PointStatement> {
    const row = await findAccountById(this.ctx.db, accountId, scopeCommunities(actor.scopePrefixes));
    if (!row || !pointsPolicy.canRead(actor, row.areaCode))
      throw deniedNotFound(this.ctx, actor, 'point_account', [accountId], 'points.not_found');
    auditRead(this.ctx, actor, {
      action: 'points.statement_read',
      objectType: 'point_account',
      objectIds: [accountId],
      fields: ['balance', 'points', 'memo'],
    });
    return this.statementOf(actor, row, query.page, query.pageSize);
  }

  /** A volunteer's statement by volunteer id (the volunteer's home community in scope). */
  async volunteerStatement(actor: Actor, volunteerId: string, query: { page: number; pageSize: number }) {
    const ref = await findVolunteerInScope(this.ctx.db, actor, volunteerId);
    if (!ref || !pointsPolicy.canRead(actor, ref.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer', [volunteerId], 'points.not_found');
    const account = await this.ctx.db.transaction((tx) => volunteerAccount(tx, volunteerId, ref.areaCode));
    return this.statement(actor, account.id, query);
  }

  async community(actor: Actor, areaCode: string): Promise<PointCommunitySummary> {
    if (!pointsPolicy.canRead(actor, areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [areaCode], 'area.not_found');
    const f = await communityFigures(this.ctx.db, areaCode);
    const of = (kind: string) => f.accounts.find((a) => a.kind === kind);
    auditRead(this.ctx, actor, { action: 'points.community_read', objectType: 'area', objectIds: [areaCode] });
    return {
      areaCode,
      issued: -(of('issuer')?.balance ?? 0),
      volunteerAccounts: of('volunteer')?.n ?? 0,
      volunteerBalance: of('volunteer')?.balance ?? 0,
      supermarketBalance: of('supermarket')?.balance ?? 0,
      byKind: f.byKind,
      shortfall: f.shortfall,
    };
  }

  async mine(actor: Actor, query: { page: number; pageSize: number }): Promise<MyPoints> {
    const ref = await findVolunteerByUser(this.ctx.db, actor.userId, actor.areaCodes);
    if (!ref) throw new AppError('points.not_volunteer');
    const row = await findOwnedAccount(this.ctx.db, 'volunteer', ref.id, ref.areaCode);
    auditRead(this.ctx, actor, { action: 'points.mine', objectType: 'volunteer', objectIds: [ref.id] });
    if (!row)
      return {
        balance: 0,
        totals: totalsOf({}),
        lines: { items: [], total: 0, page: query.page, pageSize: query.pageSize },
      };
    const s = await this.statementOf(actor, row, query.page, query.pageSize);
    return { balance: s.account.balance, totals: s.totals, lines: s.lines };
  }

  async adjust(actor: Actor, input: PointAdjustInput) {
    const ref = await findVolunteerInScope(this.ctx.db, actor, input.volunteerId);
    if (!ref || !pointsPolicy.canAdjustIn(actor, ref.areaCode))
      throw deniedNotFound(this.ctx, actor, 'volunteer', [input.volunteerId], 'points.not_found');
    return this.ctx.db.transaction(async (tx: Tx) => {
      const account = await volunteerAccount(tx, ref.id, ref.areaCode);
      const issuer = await ensurePointAccount(tx, { kind: 'issuer', ownerId: ref.areaCode, areaCode: ref.areaCode });
      const award = input.points > 0;
      const { transferId } = await transferPoints(this.ctx, tx, {
        from: award ? issuer : account,
        to: award ? account : issuer,
        points: Math.abs(input.points),
        kind: 'adjust',
        refType: 'adjustment',
        refId: randomUUID(),
        areaCode: ref.areaCode,
        memo: input.reason,
        actorUserId: actor.userId,
      });
      await auditInTx(this.ctx, tx, actor, {
        action: 'points.adjust',
        objectType: 'point_transfer',
        objectIds: [transferId],
        fields: ['points', 'memo'],
        detail: `${input.points > 0 ? '+' : ''}${input.points}`,
      });
      return { transferId, balance: await pointBalance(tx, account) };
    });
  }

  /** The earning rules of the district of `areaCode` (any area in the actor's scope: its district's rules). */
  async rules(actor: Actor, areaCode: string): Promise<PointRules> {
    if (!pointsPolicy.canRead(actor, areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [areaCode], 'area.not_found');
    const districtCode = districtOf(areaCode);
    const today = chinaToday(this.ctx.clock.now());
    const [versions, rule] = await Promise.all([
      listRules(this.ctx.db, districtCode),
      effectiveRule(this.ctx.db, districtCode, today),
    ]);
    const inForce = versions.find((v) => v.id === rule.ruleId);
    return {
      districtCode,
      inForce: {
        effectiveFrom: inForce?.effectiveFrom ?? null,
        pointsPerHour: rule.pointsPerHour,
        typeRates: rule.typeRates,
        monthlyCap: rule.monthlyCap,
      },
      versions: versions.map((v) => ({
        id: v.id,
        districtCode: v.areaCode,
        effectiveFrom: v.effectiveFrom,
        pointsPerHour: v.pointsPerHour,
        typeRates: v.typeRates,
        monthlyCap: v.monthlyCap,
        note: v.note,
        createdAt: v.createdAt.toISOString(),
      })),
      allowedActions: pointsPolicy.canSetRules(actor, districtCode) ? ['set'] : [],
    };
  }

  async setRule(actor: Actor, input: PointRuleInput & { typeRates: Record<string, number>; note: string }) {
    const area = await findArea(this.ctx.db, input.districtCode);
    if (!area || area.level !== 'district' || !pointsPolicy.canSetRules(actor, area.code))
      throw new AppError('area.not_found', [
        { path: 'districtCode', code: 'area.unknown', params: { code: input.districtCode } },
      ]);
    const id = randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      const ok = await insertRule(tx, {
        id,
        areaCode: area.code,
        effectiveFrom: input.effectiveFrom,
        pointsPerHour: input.pointsPerHour,
        typeRates: input.typeRates,
        monthlyCap: input.monthlyCap,
        note: input.note,
        createdBy: actor.userId,
        createdAt: this.ctx.clock.now(),
      });
      if (!ok) throw new AppError('points.rule_exists');
      await auditInTx(this.ctx, tx, actor, {
        action: 'points.rule_set',
        objectType: 'point_rule',
        objectIds: [id],
        detail: `${area.code} ${input.effectiveFrom} ${input.pointsPerHour}/h cap ${input.monthlyCap}`,
      });
    });
    return this.rules(actor, area.code);
  }

  /** The ledger (transfers) and the balances in scope, as an .xlsx workbook of two sheets. */
  exportXlsx(actor: Actor, query: { areaCode?: string | undefined }): Promise<Buffer> {
    if (query.areaCode && !pointsPolicy.canRead(actor, query.areaCode))
      throw deniedNotFound(this.ctx, actor, 'area', [query.areaCode], 'area.not_found');
    return exportPointsXlsx(this.ctx, actor, query.areaCode);
  }

  /** A volunteer team's members with their balances and what they earned and spent in the period (per-team statement). */
  teamStatement(actor: Actor, teamId: string, query: PointTeamQuery): Promise<PointTeamStatement> {
    return teamStatement(this.ctx, actor, teamId, query);
  }

  /** The per-team statement as an .xlsx workbook (sheet 队伍积分). */
  exportTeamXlsx(actor: Actor, teamId: string, query: PointTeamQuery): Promise<Buffer> {
    return exportTeamXlsx(this.ctx, actor, teamId, query);
  }
}
