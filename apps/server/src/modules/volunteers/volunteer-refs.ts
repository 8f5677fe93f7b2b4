// What other modules (activities, hours, points, supermarket) may know of a volunteer and a team: refs, never the
// personal fields. Signatures agreed for issue 12.
import { type Actor, scopeCommunities } from '../../platform/access';
import { type AppContext, auditInTx } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { verifyRotatingCode } from '../../platform/signed-codes';
import {
  findTeamRow,
  findVolunteerRow,
  findVolunteerRowByUser,
  teamsLedByUser,
  volunteerRowsByIds,
} from './volunteers.repository';
import { spellsOfTeam } from './memberships.repository';
import type { TeamRow, VolunteerRow } from './volunteers.repository';
import { volunteersPolicy } from './volunteers.policy';

export type VolunteerStatus = 'pending' | 'active' | 'rejected' | 'suspended' | 'left';

export interface VolunteerRef {
  id: string;
  /** The volunteer's home community (the row's area code). */
  areaCode: string;
  /** The resident account (users.id) that registered. */
  userId: string;
  status: VolunteerStatus;
  /** The name to show on rosters and lists: masked (张*明). */
  maskedName: string;
}

export interface TeamRef {
  id: string;
  areaCode: string;
  name: string;
  colour: string;
  organisationId: string | null;
}

export function toVolunteerRef(row: VolunteerRow): VolunteerRef {
  return {
    id: row.id,
    areaCode: row.areaCode,
    userId: row.userId,
    status: row.status as VolunteerStatus,
    maskedName: row.nameMasked,
  };
}

export function toTeamRef(row: TeamRow): TeamRef {
  return { id: row.id, areaCode: row.areaCode, name: row.name, colour: row.colour, organisationId: row.organisationId };
}

/**
 * The volunteer registered by this account, or null. `home`: the account's communities (actor.areaCodes), where a
 * registration is made; looked up there first (one shard group on a Citus cluster), then anywhere, so that a
 * registration made before the account moved is still found.
 */
export async function findVolunteerByUser(
  tx: DbOrTx,
  userId: string,
  home: readonly string[] = [],
): Promise<VolunteerRef | null> {
  const communities = home.filter((code) => code.length === 12);
  const row =
    (communities.length ? await findVolunteerRowByUser(tx, userId, communities) : null) ??
    (await findVolunteerRowByUser(tx, userId));
  return row ? toVolunteerRef(row) : null;
}

/** A volunteer whose home community is in the staff actor's scope, or null (callers answer 404). */
export async function findVolunteerInScope(
  tx: DbOrTx,
  actor: Actor,
  volunteerId: string,
): Promise<VolunteerRef | null> {
  // A community jurisdiction names its communities: the lookup stays on their shard groups (issue 14).
  const row = await findVolunteerRow(tx, volunteerId, scopeCommunities(actor.scopePrefixes));
  return row && volunteersPolicy.inScope(actor, row.areaCode) ? toVolunteerRef(row) : null;
}

/**
 * Refs by id (for rosters and statements), any scope: callers have already scoped the rows that name them.
 * `likelyCommunities`: where the callers expect the volunteers to live (a points account's community); looked up
 * there first, then anywhere for those not found.
 */
export async function volunteerRefs(
  tx: DbOrTx,
  ids: readonly string[],
  likelyCommunities: readonly string[] = [],
): Promise<Map<string, VolunteerRef>> {
  const wanted = [...new Set(ids)];
  const rows = likelyCommunities.length ? await volunteerRowsByIds(tx, wanted, [...new Set(likelyCommunities)]) : [];
  const missing = wanted.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) rows.push(...(await volunteerRowsByIds(tx, missing)));
  return new Map(rows.map((r) => [r.id, toVolunteerRef(r)]));
}

/** A team in the staff actor's scope, or null. */
export async function findTeamInScope(tx: DbOrTx, actor: Actor, teamId: string): Promise<TeamRef | null> {
  const row = await findTeamRow(tx, teamId);
  return row && volunteersPolicy.inScope(actor, row.areaCode) ? toTeamRef(row) : null;
}

/** A period of China dates, either end open. */
export interface DatePeriod {
  from?: string | undefined;
  to?: string | undefined;
}

/** One membership spell: the days a volunteer belonged to a team (both ends inclusive; leftOn null = still does). */
export interface TeamSpell {
  volunteerId: string;
  joinedOn: string;
  leftOn: string | null;
}

/**
 * The membership spells of a team (a volunteer who left and joined again has two): with a period, the spells
 * overlapping it; without, every spell the team ever had. Callers have checked the team with findTeamInScope.
 */
export async function teamMemberSpells(tx: DbOrTx, teamId: string, period?: DatePeriod): Promise<TeamSpell[]> {
  return spellsOfTeam(tx, teamId, period ?? {});
}

/**
 * Volunteer ids of a team's members: those whose membership spell overlaps the period, or, without a period, the
 * current members. Callers have checked the team with findTeamInScope (a foreign team answers like a missing one).
 */
export async function teamMemberIds(tx: DbOrTx, teamId: string, period?: DatePeriod): Promise<string[]> {
  const spells = await spellsOfTeam(tx, teamId, period ?? {});
  return [...new Set((period ? spells : spells.filter((s) => s.leftOn === null)).map((s) => s.volunteerId))];
}

/** The teams this account currently leads (membership role 'leader', not left). */
export async function teamsLedBy(tx: DbOrTx, userId: string): Promise<TeamRef[]> {
  return (await teamsLedByUser(tx, userId)).map(toTeamRef);
}

/** Identity for the service certificate (67号令 art. 4): real name and the masked ID number, decrypted here. */
export async function volunteerIdentity(
  _ctx: AppContext,
  tx: DbOrTx,
  volunteerId: string,
): Promise<{ name: string; idNumberMasked: string; idType: string }> {
  const row = await findVolunteerRow(tx, volunteerId);
  if (!row) throw new Error(`volunteers: no volunteer ${volunteerId}`);
  // The masked copy is stored beside the cipher text; the full number never leaves this module.
  return { name: row.name, idNumberMasked: row.idNumberMasked, idType: row.idType };
}

/** A volunteer's identity with the full ID number, for an approved export only (volunteerIdNumbers). */
export interface VolunteerFullIdentity {
  name: string;
  idType: string;
  idNumber: string;
}

/**
 * Full ID numbers, decrypted here, for an export someone else approved (R-18; the national CSV of the hours module):
 * the read is audited in the caller's transaction ('volunteers.id_numbers_read', the volunteer ids, the field names,
 * `purpose` naming the approval), so the numbers leave only together with the audit row. No other function returns
 * a decrypted field; callers have scoped and approved the ids they pass.
 */
export async function volunteerIdNumbers(
  ctx: AppContext,
  tx: DbOrTx,
  actor: Actor,
  ids: readonly string[],
  purpose: string,
): Promise<Map<string, VolunteerFullIdentity>> {
  const rows = await volunteerRowsByIds(tx, [...new Set(ids)]);
  const out = new Map(
    rows.map((r) => [r.id, { name: r.name, idType: r.idType, idNumber: ctx.cipher.decrypt(r.idNumberEnc) }]),
  );
  await auditInTx(ctx, tx, actor, {
    action: 'volunteers.id_numbers_read',
    objectType: 'volunteer',
    objectIds: rows.slice(0, 1000).map((r) => r.id),
    fields: ['name', 'idType', 'idNumber'],
    detail: `${rows.length} volunteers; ${purpose}`,
  });
  return out;
}

/**
 * The volunteer's counter code (shown on /m, scanned at the charity supermarket): a rotating signed code
 * (platform/signed-codes.ts, purpose 'volunteer.counter'); verifying returns the volunteer or null when stale/forged.
 */
export async function verifyVolunteerCounterCode(
  ctx: AppContext,
  tx: DbOrTx,
  code: string,
  likelyCommunities: readonly string[] = [],
): Promise<VolunteerRef | null> {
  const verified = verifyRotatingCode(ctx.keys, 'volunteer.counter', code, ctx.clock.now());
  if (!verified.ok) return null;
  // Looked for where the caller expects first (the counter's community: one shard group on Citus), then anywhere.
  const row =
    (likelyCommunities.length ? await findVolunteerRow(tx, verified.subject, likelyCommunities) : null) ??
    (await findVolunteerRow(tx, verified.subject));
  return row ? toVolunteerRef(row) : null;
}
