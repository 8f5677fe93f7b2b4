import { DEFAULT_TIER_POLICY, type ClientCategory, type Tier, idCheckCharacter } from '@linli/contracts';
import type { AppContext } from '../../platform/context';
import { maskIdNumber, maskPhone } from '../../platform/masking';
import { addDays, chinaToday } from '../../platform/dates';
import { caseEvents, caseGoals, caseTasks, cases } from '../../modules/care/cases/cases.tables';
import { clients } from '../../modules/care/clients/clients.tables';
import { nameSearchKeys } from '../../modules/care/clients/names';
import { consents } from '../../modules/care/consents/consents.tables';
import { nextVisitWindow } from '../../modules/care/policies/tier-policy';
import { referrals } from '../../modules/care/referrals/referrals.tables';
import { assessments, tierChanges } from '../../modules/care/tiers/tiers.tables';
import { visits } from '../../modules/care/visits/visits.tables';

/** Deterministic PRNG (mulberry32), so the demo data set is the same on every machine. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '曾',
  '单',
];
const GIVEN = [
  '秀英',
  '桂英',
  '淑珍',
  '玉兰',
  '德福',
  '建国',
  '国华',
  '志强',
  '文华',
  '素芳',
  '春梅',
  '明',
  '伟',
  '芳',
  '军',
  '丽',
  '强',
  '敏',
  '静',
  '洪',
  '华',
  '平',
  '红',
  '英',
  '𠀾明',
  '𡈼芳',
];
const ETHNIC_STYLE_NAMES = ['阿依古丽·买买提', '扎西·多吉', '热依汗·艾力'];
const STREETS = ['浆洗街', '洗面桥街', '蜀汉路', '玉林南路', '玉林北路', '芳草街'];

export interface CareDemoOptions {
  communities: { code: string; gridCodes: string[]; assigneeId: string | null }[];
  createdBy: string | null;
  clientsPerCommunity?: number;
}

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** The rows the demo writes, collected first and inserted in one transaction. */
interface DemoRows {
  clients: Row<typeof clients>[];
  assessments: Row<typeof assessments>[];
  changes: Row<typeof tierChanges>[];
  visits: Row<typeof visits>[];
  cases: Row<typeof cases>[];
  goals: Row<typeof caseGoals>[];
  tasks: Row<typeof caseTasks>[];
  events: Row<typeof caseEvents>[];
  consents: Row<typeof consents>[];
  referrals: Row<typeof referrals>[];
}

/**
 * What every step draws on: one seeded PRNG, consumed in a fixed order (so the steps below must keep the order of
 * their draws), the clock's today and the day a year before.
 */
interface Demo {
  ctx: AppContext;
  options: CareDemoOptions;
  random: () => number;
  pick: <T>(list: readonly T[]) => T;
  uuid: () => string;
  now: Date;
  today: string;
  yearAgo: string;
}

type Community = CareDemoOptions['communities'][number];

/**
 * ~200 clients across the demo communities with assessments, tiers, a year of visit history per tier cadence,
 * about 5% overdue, and a few tier downgrades waiting for approval — so every care page shows something real.
 */
export async function seedCareDemo(
  ctx: AppContext,
  options: CareDemoOptions,
): Promise<{ clients: number; visits: number }> {
  const random = rng(20260301);
  const now = ctx.clock.now();
  const today = chinaToday(now);
  const demo: Demo = {
    ctx,
    options,
    random,
    pick: (list) => list[Math.floor(random() * list.length)]!,
    uuid: () => crypto.randomUUID(),
    now,
    today,
    yearAgo: addDays(today, -365),
  };
  const rows: DemoRows = {
    clients: [],
    assessments: [],
    changes: [],
    visits: [],
    cases: [],
    goals: [],
    tasks: [],
    events: [],
    consents: [],
    referrals: [],
  };
  let n = 0;
  for (const community of options.communities) {
    for (let i = 0; i < (options.clientsPerCommunity ?? 50); i++) {
      n += 1;
      addClient(demo, rows, community, n);
    }
  }
  addCases(demo, rows);
  await insertRows(ctx, rows);
  return { clients: rows.clients.length, visits: rows.visits.length };
}

/** One client with their first assessment, tier, a year of visits and, for some red clients, a pending downgrade. */
function addClient(demo: Demo, rows: DemoRows, community: Community, n: number): void {
  const { random, uuid, now, yearAgo, options } = demo;
  const client = demoPerson(demo, community, n);
  const { id, tier } = client;
  rows.clients.push(client);
  const assessmentId = uuid();
  const score = tier === 'red' ? 3 : tier === 'yellow' ? 2 : 1;
  rows.assessments.push({
    id: assessmentId,
    clientId: id,
    areaCode: community.code,
    scores: { health: { score }, income: { score: tier === 'yellow' ? 2 : 1 } },
    suggestedTier: tier,
    confirmedTier: tier,
    policyId: null,
    assessedBy: options.createdBy,
    assessedAt: new Date(`${yearAgo}T03:00:00Z`),
  });
  rows.changes.push({
    id: uuid(),
    clientId: id,
    areaCode: community.code,
    fromTier: null,
    toTier: tier,
    assessmentId,
    status: 'applied',
    requestedBy: options.createdBy,
    decidedBy: options.createdBy,
    decidedAt: new Date(`${yearAgo}T03:00:00Z`),
    createdAt: new Date(`${yearAgo}T03:00:00Z`),
  });
  addVisitHistory(demo, rows, client, community);
  if (tier === 'red' && rows.changes.filter((c) => c.status === 'pending_approval').length < 4 && random() < 0.3) {
    rows.changes.push({
      id: uuid(),
      clientId: id,
      areaCode: community.code,
      fromTier: 'red',
      toTier: 'yellow',
      reason: '近期病情好转，家属已回家照料',
      status: 'pending_approval',
      requestedBy: community.assigneeId,
      createdAt: now,
    });
  }
}

/** The client's own row: a generated person (ID number, name, phone, address) in one of the community's grids. */
function demoPerson(demo: Demo, community: Community, n: number): Row<typeof clients> & { id: string; tier: Tier } {
  const { ctx, random, pick, uuid, now, yearAgo, options } = demo;
  const roll = random();
  const tier: Tier = roll < 0.1 ? 'red' : roll < 0.4 ? 'yellow' : 'blue';
  const isChild = random() < 0.06;
  const birthYear = isChild ? 2012 + Math.floor(random() * 8) : 1930 + Math.floor(random() * 35);
  const birthDate = `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const sex = random() < 0.55 ? 'female' : 'male';
  const first17 = `510107${birthDate.replace(/-/g, '')}${String(100 + (n % 400)).slice(0, 2)}${sex === 'male' ? 1 : 2}`;
  const idNumber = first17 + idCheckCharacter(first17);
  const name = n % 67 === 0 ? pick(ETHNIC_STYLE_NAMES) : pick(SURNAMES) + pick(GIVEN);
  const phone = random() < 0.8 ? `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : null;
  const categories: ClientCategory[] = isChild
    ? ['child_in_difficulty']
    : [
        pick(['elderly_alone', 'dibao', 'tekun', 'disability', 'left_behind'] as const),
        ...(random() < 0.3 ? (['dibao'] as const) : []),
      ];
  const keys = nameSearchKeys(name);
  const id = uuid();
  const gridCode = pick(community.gridCodes);
  return {
    id,
    areaCode: community.code,
    gridCode,
    name,
    namePinyin: keys.pinyin,
    nameInitials: keys.initials,
    idNumberEnc: ctx.cipher.encrypt(idNumber),
    idNumberBidx: ctx.cipher.blindIndex(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    sex,
    birthDate,
    phoneEnc: phone ? ctx.cipher.encrypt(phone) : null,
    phoneBidx: phone ? ctx.cipher.blindIndex(phone) : null,
    phoneMasked: maskPhone(phone),
    address: `${pick(STREETS)}${1 + Math.floor(random() * 200)}号${1 + Math.floor(random() * 6)}单元${100 + Math.floor(random() * 600)}`,
    categories: [...new Set(categories)],
    tier,
    tierSince: new Date(`${yearAgo}T02:00:00Z`),
    status: 'active',
    assigneeId: community.assigneeId,
    version: 1,
    createdBy: options.createdBy,
    createdAt: new Date(`${yearAgo}T02:00:00Z`),
    updatedAt: now,
  };
}

/** A year of visits by the cadence; most on time, some late, a few missed; the last one planned. */
function addVisitHistory(
  demo: Demo,
  rows: DemoRows,
  client: { id: string; tier: Tier; gridCode?: string | null },
  community: Community,
): void {
  const { random, pick, uuid, now, today } = demo;
  const { id, tier, gridCode } = client;
  let from = demo.yearAgo;
  for (;;) {
    const window = nextVisitWindow(from, tier, DEFAULT_TIER_POLICY);
    const overdue = random() < 0.05;
    if (
      window.dueDate > today ||
      (overdue && addDays(window.windowEnd, 3) < today && window.dueDate > addDays(today, -60))
    ) {
      rows.visits.push({
        id: uuid(),
        clientId: id,
        areaCode: community.code,
        gridCode,
        assigneeId: community.assigneeId,
        ...window,
        mode: 'home',
        status: 'planned',
        tier,
        services: [],
        createdAt: now,
        updatedAt: now,
      });
      return;
    }
    const missed = random() < 0.04;
    const visitedOn = addDays(window.dueDate, Math.floor(random() * 5) - 2);
    rows.visits.push({
      id: uuid(),
      clientId: id,
      areaCode: community.code,
      gridCode,
      assigneeId: community.assigneeId,
      ...window,
      mode: random() < 0.7 ? 'home' : 'phone',
      status: missed ? 'missed' : 'done',
      tier,
      visitedOn,
      doneAt: new Date(`${visitedOn}T06:00:00Z`),
      outcomeNotes: missed
        ? null
        : pick(['身体状况稳定', '已送米面油', '协助预约体检', '家中安全隐患已排除', '情绪较好，按时服药']),
      services: [],
      missedReason: missed ? pick(['not_home', 'hospitalised'] as const) : null,
      recordedBy: community.assigneeId,
      createdAt: now,
      updatedAt: now,
    });
    from = visitedOn > from ? visitedOn : window.dueDate;
  }
}

/** A few open cases (red adult clients with a plan), each with a referral consent and a referral in some state. */
function addCases(demo: Demo, rows: DemoRows): void {
  const reds = rows.clients.filter(
    (c) => c.tier === 'red' && c.assigneeId && !c.categories.includes('child_in_difficulty'),
  );
  reds.slice(0, 6).forEach((client, i) => {
    const opened = new Date(demo.now.getTime() - (30 + i * 5) * 86_400_000);
    const caseId = addCase(demo, rows, client, i, opened);
    addReferral(demo, rows, client, i, opened, caseId);
  });
}

/** A case with two goals and two tasks; the first two wait for the plan's approval, the others are active. */
function addCase(demo: Demo, rows: DemoRows, client: Row<typeof clients>, i: number, opened: Date): string {
  const { uuid, today, options } = demo;
  const caseId = uuid();
  const status = i < 2 ? 'plan_pending' : 'active';
  rows.cases.push({
    id: caseId,
    clientId: client.id!,
    areaCode: client.areaCode,
    status,
    openedBy: client.assigneeId,
    openedAt: opened,
    version: 1,
  });
  // Goals, tasks and events belong to the case and its community.
  const of = { caseId, areaCode: client.areaCode };
  const goalId = uuid();
  rows.goals.push({ id: goalId, ...of, domain: 'health', goal: '血压稳定，按时服药', position: 0 });
  rows.goals.push({ id: uuid(), ...of, domain: 'social_support', goal: '每周至少两次与家人或邻居联系', position: 1 });
  const owner = client.assigneeId;
  rows.tasks.push({
    id: uuid(),
    ...of,
    goalId,
    title: '陪同到社区卫生服务中心复诊',
    ownerId: owner,
    dueDate: addDays(today, 7 + i),
  });
  rows.tasks.push({
    id: uuid(),
    ...of,
    goalId,
    title: '联系家庭医生签约',
    ownerId: owner,
    dueDate: addDays(today, 14),
  });
  rows.events.push({ id: uuid(), ...of, kind: 'opened', note: null, actorId: owner, at: opened });
  if (status === 'active') {
    const approvedAt = new Date(opened.getTime() + 86_400_000);
    rows.events.push({
      id: uuid(),
      ...of,
      kind: 'plan_approved',
      note: null,
      actorId: options.createdBy,
      at: approvedAt,
    });
  }
  return caseId;
}

const REFERRAL_STATES = ['sent', 'accepted', 'done', 'declined'] as const;

/** The client's consent to referral and a referral of the case, in one of the states by turn. */
function addReferral(
  demo: Demo,
  rows: DemoRows,
  client: Row<typeof clients>,
  i: number,
  opened: Date,
  caseId: string,
): void {
  const consentId = demo.uuid();
  rows.consents.push({
    id: consentId,
    clientId: client.id!,
    areaCode: client.areaCode,
    purpose: 'referral',
    basis: 'consent',
    grantedBy: 'self',
    noticeVersion: '2026-01',
    grantedAt: opened,
    recordedBy: client.assigneeId,
  });
  const state = REFERRAL_STATES[i % REFERRAL_STATES.length]!;
  rows.referrals.push({
    id: demo.uuid(),
    clientId: client.id!,
    caseId,
    areaCode: client.areaCode,
    providerName: i % 2 ? '阳光社工服务中心' : '武侯区残疾人康复中心',
    providerType: i % 2 ? 'social_org' : 'government',
    service: i % 2 ? '心理疏导与陪伴' : '康复评估',
    status: state,
    consentId,
    sentBy: client.assigneeId,
    sentAt: opened,
    respondedAt: state === 'sent' ? null : new Date(opened.getTime() + 2 * 86_400_000),
    responseNote: state === 'declined' ? '本月名额已满' : null,
    reportBack: state === 'done' ? '已完成两次上门服务' : null,
    doneAt: state === 'done' ? new Date(opened.getTime() + 20 * 86_400_000) : null,
    version: state === 'sent' ? 1 : state === 'done' ? 3 : 2,
  });
}

async function insertRows(ctx: AppContext, rows: DemoRows): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < rows.clients.length; i += 200) await tx.insert(clients).values(rows.clients.slice(i, i + 200));
    for (let i = 0; i < rows.assessments.length; i += 500)
      await tx.insert(assessments).values(rows.assessments.slice(i, i + 500));
    for (let i = 0; i < rows.changes.length; i += 500)
      await tx.insert(tierChanges).values(rows.changes.slice(i, i + 500));
    for (let i = 0; i < rows.visits.length; i += 500) await tx.insert(visits).values(rows.visits.slice(i, i + 500));
    if (rows.cases.length) {
      await tx.insert(cases).values(rows.cases);
      await tx.insert(caseGoals).values(rows.goals);
      await tx.insert(caseTasks).values(rows.tasks);
      await tx.insert(caseEvents).values(rows.events);
      await tx.insert(consents).values(rows.consents);
      await tx.insert(referrals).values(rows.referrals);
    }
  });
}
