import { randomUUID } from 'node:crypto';
import { idCheckCharacter } from '@linli/contracts';
import { CONSENT_VERSION } from '@linli/contracts/modules/volunteers';
import { oneConnectionPerWorker } from '../../platform/colocated';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { chinaToday } from '../../platform/dates';
import { maskIdNumber, maskName, maskPhone } from '../../platform/masking';
import { createAccount, dummyPasswordHash, findUserByUsername } from '../users';
import {
  findVolunteerRowByUser,
  insertCorrection,
  insertRecordEntry,
  insertTeam,
  insertVolunteer,
} from './volunteers.repository';
import { insertMembership } from './memberships.repository';
import { MEMBERS, PEOPLE, TEAMS } from './volunteers-demo-data';

export interface VolunteerDemoAreas {
  districtCode: string;
  streetCode: string;
  communityA: string;
  communityB: string;
  /** The demo community supervisor (staff who confirm, approve, stock). */
  createdBy: string | null;
  /** The demo partner member's organisation (阳光社会工作服务中心): 阳光助老队 is its team (我们的志愿队伍). */
  partnerOrganisationId?: string | null | undefined;
}

const SYSTEM = '00000000-0000-4000-8000-000000000000';

/** A valid demo ID number (region 510107, a fixed birth date per person, check character computed). */
function demoId(birth: string, seq: number): string {
  const first17 = `510107${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

interface Demo {
  ctx: AppContext;
  tx: DbOrTx;
  now: Date;
  today: string;
  daysAgo: (n: number) => string;
  staff: string;
  areas: VolunteerDemoAreas;
  areaOf: (a: 'A' | 'B') => string;
}

/** The volunteers (and, for those without one, their resident accounts); empty when seeded before. */
async function seedPeople(d: Demo, passwordHash: string): Promise<Map<string, string>> {
  const { ctx, tx, now, staff, areaOf } = d;
  const volunteerIds = new Map<string, string>();
  let seq = 100;
  for (const p of PEOPLE) {
    const existing = await findUserByUsername(tx, p.username);
    const userId =
      existing?.id ??
      (await createAccount(tx, {
        username: p.username,
        displayName: p.name,
        passwordHash,
        roles: ['resident'],
        areaCodes: [areaOf(p.area)],
        at: now,
      }));
    if (await findVolunteerRowByUser(tx, userId)) continue;
    seq += 2;
    const idNumber = demoId(p.birth, seq);
    const id = randomUUID();
    const emergencyPhone = `1390000${String(seq).padStart(4, '0')}`;
    await insertVolunteer(tx, {
      id,
      areaCode: areaOf(p.area),
      userId,
      status: p.status,
      name: p.name,
      nameMasked: maskName(p.name) ?? '*',
      idType: 'resident_id',
      idNumberEnc: ctx.cipher.encrypt(idNumber),
      idNumberBidx: ctx.cipher.blindIndex(`resident_id:${idNumber}`),
      idNumberMasked: maskIdNumber(idNumber) ?? '',
      gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
      birthDate: p.birth,
      skills: p.skills,
      availability: p.status === 'active' ? ['weekend', 'weekday_evening'] : ['weekend'],
      emergencyNameEnc: ctx.cipher.encrypt('家属'),
      emergencyNameMasked: '家*',
      emergencyPhoneEnc: ctx.cipher.encrypt(emergencyPhone),
      emergencyPhoneMasked: maskPhone(emergencyPhone) ?? '',
      consentVersion: CONSENT_VERSION,
      consentedAt: new Date(now.getTime() - 200 * 86_400_000),
      statusReason: null,
      decidedBy: p.status === 'active' ? staff : null,
      decidedAt: p.status === 'active' ? new Date(now.getTime() - 190 * 86_400_000) : null,
      createdAt: new Date(now.getTime() - (p.status === 'active' ? 200 : 2) * 86_400_000),
      updatedAt: now,
    });
    volunteerIds.set(p.username, id);
  }
  return volunteerIds;
}

/** Six teams, their members (r_demo_1 leads 党员先锋队), a past spell and an open join request. */
type TeamIds = Map<string, { id: string; areaCode: string }>;

async function seedTeams(d: Demo, volunteerIds: Map<string, string>): Promise<TeamIds> {
  const { tx, now, daysAgo, staff, areaOf } = d;
  const teamIds = new Map<string, { id: string; areaCode: string }>();
  for (const t of TEAMS) {
    const id = randomUUID();
    const areaCode = areaOf(t.area);
    await insertTeam(tx, {
      id,
      areaCode,
      name: t.name,
      colour: t.colour,
      description: t.description,
      organisationId: t.key === 'yellow' ? (d.areas.partnerOrganisationId ?? null) : null,
      status: 'active',
      createdBy: staff,
      createdAt: new Date(now.getTime() - 210 * 86_400_000),
    });
    teamIds.set(t.key, { id, areaCode });
  }
  for (const [username, spells] of Object.entries(MEMBERS)) {
    const volunteerId = volunteerIds.get(username);
    if (!volunteerId) continue;
    for (const [key, role] of spells) {
      const team = teamIds.get(key)!;
      await insertMembership(tx, {
        id: randomUUID(),
        areaCode: team.areaCode,
        teamId: team.id,
        volunteerId,
        role,
        status: 'active',
        joinedOn: daysAgo(180),
        requestedAt: new Date(now.getTime() - 181 * 86_400_000),
        decidedBy: staff,
        decidedAt: new Date(now.getTime() - 180 * 86_400_000),
      });
    }
  }
  return teamIds;
}

/** History: v_demo_5 was in 青春活力队 for a while and left; v_demo_3 asks to join 党员先锋队 (the leader decides). */
async function seedHistory(d: Demo, volunteerIds: Map<string, string>, teamIds: TeamIds): Promise<void> {
  const { tx, now, daysAgo, staff, areas } = d;
  const v5 = volunteerIds.get('v_demo_5');
  const v3 = volunteerIds.get('v_demo_3');
  if (v5)
    await insertMembership(tx, {
      id: randomUUID(),
      areaCode: areas.communityA,
      teamId: teamIds.get('orange')!.id,
      volunteerId: v5,
      role: 'member',
      status: 'left',
      joinedOn: daysAgo(170),
      leftOn: daysAgo(60),
      requestedAt: new Date(now.getTime() - 171 * 86_400_000),
      decidedBy: staff,
      decidedAt: new Date(now.getTime() - 60 * 86_400_000),
    });
  if (v3)
    await insertMembership(tx, {
      id: randomUUID(),
      areaCode: areas.communityA,
      teamId: teamIds.get('red')!.id,
      volunteerId: v3,
      role: 'member',
      status: 'requested',
      requestedAt: new Date(now.getTime() - 86_400_000),
    });
}

type EntryArgs = [
  username: string,
  kind: 'training' | 'commendation' | 'evaluation' | 'complaint',
  days: number,
  title: string,
  extra?: { byWhom?: string; minutes?: number; rating?: number; outcome?: string; detail?: string },
];

async function addEntry(
  d: Demo,
  volunteerIds: Map<string, string>,
  ...[username, kind, days, title, extra = {}]: EntryArgs
) {
  const volunteerId = volunteerIds.get(username);
  if (!volunteerId) return null;
  const id = randomUUID();
  const who = PEOPLE.find((p) => p.username === username)!;
  await insertRecordEntry(d.tx, {
    id,
    areaCode: d.areaOf(who.area),
    volunteerId,
    kind,
    onDate: d.daysAgo(days),
    title,
    byWhom: extra.byWhom ?? null,
    minutes: extra.minutes ?? null,
    rating: extra.rating ?? null,
    detail: extra.detail ?? null,
    outcome: extra.outcome ?? null,
    createdBy: d.staff,
    createdAt: new Date(d.now.getTime() - days * 86_400_000),
  });
  return id;
}

/** The record (67号令 art. 4): training, commendations, an evaluation, a complaint and correction requests. */
async function seedRecords(d: Demo, volunteerIds: Map<string, string>): Promise<void> {
  const { tx, now, today, staff, areas } = d;
  const entry = (...args: EntryArgs) => addEntry(d, volunteerIds, ...args);
  await entry('r_demo_1', 'training', 150, '社区急救（心肺复苏）培训', { byWhom: '区红十字会', minutes: 240 });
  await entry('r_demo_1', 'commendation', 30, '年度优秀志愿者', { byWhom: '街道办事处' });
  await entry('r_demo_1', 'evaluation', 20, '助老服务评价', { byWhom: '社区居委会', rating: 5 });
  await entry('r_demo_2', 'training', 120, '家电安全维修培训', { byWhom: '区总工会', minutes: 180 });
  await entry('v_demo_3', 'training', 100, '志愿服务通识培训', { byWhom: '区志愿服务联合会', minutes: 120 });
  await entry('v_demo_7', 'commendation', 45, '义诊服务之星', { byWhom: '社区卫生服务中心' });
  const complaint = await entry('v_demo_8', 'complaint', 40, '巡逻迟到约 20 分钟', {
    byWhom: '居民',
    outcome: '经核实因交通管制迟到，已提醒提前出发',
  });
  const v8 = volunteerIds.get('v_demo_8');
  if (v8 && complaint)
    await insertCorrection(tx, {
      id: randomUUID(),
      areaCode: areas.communityB,
      volunteerId: v8,
      part: 'complaint',
      entryId: complaint,
      requestText: '当天道路临时管制，已提前在群里告知队长，请补充说明。',
      status: 'accepted',
      answerText: '已核实，处理结果中补充了交通管制情况。',
      answeredBy: staff,
      answeredAt: new Date(now.getTime() - 35 * 86_400_000),
      createdAt: new Date(now.getTime() - 38 * 86_400_000),
    });
  const v2 = volunteerIds.get('r_demo_2');
  if (v2)
    await insertCorrection(tx, {
      id: randomUUID(),
      areaCode: areas.communityA,
      volunteerId: v2,
      part: 'basic',
      entryId: null,
      requestText: '技能里请加上“驾驶”，我有 B 照。',
      status: 'open',
      createdAt: new Date(`${today}T01:00:00Z`),
    });
}

/**
 * The volunteers module's demo rows (issue 12): six teams in the five(+1) colours across the two demo communities,
 * twelve volunteers (r_demo_1 and r_demo_2 active, r_demo_1 leads 党员先锋队; two registrations still pending), one
 * past membership, training, commendations, an evaluation, a complaint and an answered correction request.
 */
export async function seedVolunteersDemo(ctx: AppContext, areas: VolunteerDemoAreas): Promise<void> {
  const now = ctx.clock.now();
  const demo1 = await findUserByUsername(ctx.db, 'r_demo_1');
  const passwordHash = demo1?.passwordHash ?? (await dummyPasswordHash());
  await ctx.db.transaction(async (tx) => {
    await oneConnectionPerWorker(tx); // accounts (a reference table) after reads of many shards
    const d: Demo = {
      ctx,
      tx,
      now,
      today: chinaToday(now),
      daysAgo: (n) => chinaToday(new Date(now.getTime() - n * 86_400_000)),
      staff: areas.createdBy ?? SYSTEM,
      areas,
      areaOf: (a) => (a === 'A' ? areas.communityA : areas.communityB),
    };
    const volunteerIds = await seedPeople(d, passwordHash);
    if (volunteerIds.size === 0) return; // seeded before
    await seedHistory(d, volunteerIds, await seedTeams(d, volunteerIds));
    await seedRecords(d, volunteerIds);
  });
}
