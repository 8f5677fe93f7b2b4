// A volunteer team's points (per-team statement): its members' accounts with the balance now and what they earned and
// spent in a period, on screen and as an .xlsx workbook. Members come from the volunteers module (teamMemberIds).
import ExcelJS from 'exceljs';
import type { PointTeamMember, PointTeamQuery, PointTeamStatement } from '@linli/contracts/modules/points';
import type { Actor } from '../../platform/access';
import { type AppContext, auditInTx, auditRead } from '../../platform/context';
import { addDays } from '../../platform/dates';
import { deniedNotFound } from '../../platform/request-context';
import { findAreas } from '../org';
import { type VolunteerRef, findTeamInScope, teamMemberIds, volunteerRefs } from '../volunteers';
import { pointsPolicy } from './points.policy';
import { volunteerAccountFigures } from './points.repository';

/** The start of a China day (UTC+8 all year). */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The statement: the team must be in the actor's scope (a foreign team answers like a missing one: 404
 * points.not_found); members whose home community (where their account is) lies outside the scope are left out.
 */
async function buildTeamStatement(
  ctx: AppContext,
  actor: Actor,
  teamId: string,
  query: PointTeamQuery,
): Promise<PointTeamStatement> {
  const team = await findTeamInScope(ctx.db, actor, teamId);
  if (!team || !pointsPolicy.canRead(actor, team.areaCode))
    throw deniedNotFound(ctx, actor, 'volunteer_team', [teamId], 'points.not_found');
  const period = query.from || query.to ? { from: query.from, to: query.to } : undefined;
  const ids = await teamMemberIds(ctx.db, team.id, period);
  // A team's members mostly live in its community: looked for there first (volunteerRefs).
  const refs = await volunteerRefs(ctx.db, ids, [team.areaCode]);
  const visible = ids
    .map((id) => refs.get(id))
    .filter((r): r is VolunteerRef => !!r && pointsPolicy.canRead(actor, r.areaCode));
  const figures = await volunteerAccountFigures(
    ctx.db,
    visible,
    query.from ? chinaMidnight(query.from) : null,
    query.to ? chinaMidnight(addDays(query.to, 1)) : null,
  );
  const byOwner = new Map(figures.map((f) => [f.ownerId, f]));
  const members: PointTeamMember[] = visible
    .map((v) => {
      const f = byOwner.get(v.id);
      return {
        volunteerId: v.id,
        accountId: f?.id ?? null,
        ownerLabel: v.maskedName,
        areaCode: v.areaCode,
        balance: f?.balance ?? 0,
        earned: f?.earned ?? 0,
        spent: f?.spent ?? 0,
      };
    })
    .sort((a, b) => b.earned - a.earned || b.balance - a.balance || a.volunteerId.localeCompare(b.volunteerId));
  const sum = (key: 'balance' | 'earned' | 'spent') => members.reduce((n, m) => n + m[key], 0);
  return {
    teamId: team.id,
    teamName: team.name,
    areaCode: team.areaCode,
    from: query.from ?? null,
    to: query.to ?? null,
    members,
    totals: { balance: sum('balance'), earned: sum('earned'), spent: sum('spent') },
  };
}

export async function teamStatement(
  ctx: AppContext,
  actor: Actor,
  teamId: string,
  query: PointTeamQuery,
): Promise<PointTeamStatement> {
  const statement = await buildTeamStatement(ctx, actor, teamId, query);
  auditRead(ctx, actor, {
    action: 'points.team_read',
    objectType: 'volunteer_team',
    objectIds: [teamId, ...statement.members.flatMap((m) => (m.accountId ? [m.accountId] : []))],
    fields: ['balance', 'points'],
    detail: `${query.from ?? ''}..${query.to ?? ''}`,
  });
  return statement;
}

/** Sheet 队伍积分: one row per member (masked name, community, balance, earned and spent in the period), and a total. */
export async function exportTeamXlsx(
  ctx: AppContext,
  actor: Actor,
  teamId: string,
  query: PointTeamQuery,
): Promise<Buffer> {
  const s = await buildTeamStatement(ctx, actor, teamId, query);
  const areas = new Map(
    (await findAreas(ctx.db, [...new Set(s.members.map((m) => m.areaCode))])).map((a) => [a.code, a.name]),
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('队伍积分');
  const period = s.from || s.to ? `${s.from ?? '…'} 至 ${s.to ?? '…'}` : '全部（现有队员）';
  sheet.addRow([`志愿队伍：${s.teamName}`, `期间：${period}`]).font = { bold: true };
  sheet.addRow(['志愿者', '所属社区', '当前余额', '期间获得', '期间消费']).font = { bold: true };
  for (const m of s.members)
    sheet.addRow([m.ownerLabel, areas.get(m.areaCode) ?? m.areaCode, m.balance, m.earned, m.spent]);
  sheet.addRow(['合计', `${s.members.length} 人`, s.totals.balance, s.totals.earned, s.totals.spent]).font = {
    bold: true,
  };
  sheet.columns.forEach((c, i) => (c.width = i < 2 ? 24 : 14));
  await ctx.db.transaction((tx) =>
    auditInTx(ctx, tx, actor, {
      action: 'points.export_xlsx',
      objectType: 'volunteer_team',
      objectIds: [teamId],
      detail: `team ${s.from ?? ''}..${s.to ?? ''}: ${s.members.length} members`,
    }),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
