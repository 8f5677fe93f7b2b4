import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { seedActorOf } from '../users';
import { RequestHandlingService } from './handling.service';
import { type RequestIntakeInput, intakeRequest } from './intake.service';
import { RequestRatingService } from './rating.service';
import { runCloseUnrated } from './requests.jobs';
import { updateRequest } from './requests.repository';
import { RequestTriageService } from './triage.service';

const DAY_MS = 86_400_000;

export interface RequestsDemoInput {
  communityCode: string;
  /** Category ids by code, from the catalogue's demo (seedCatalogueDemo). */
  categories: Map<string, string>;
  /** Demo accounts by username: the community's worker, a resident, the partner member. */
  worker: string;
  resident: string;
  partner: string | null;
}

type Say = Omit<RequestIntakeInput, 'communityCode' | 'categoryId'> & { category: string };

/** The demo's people and the services they act through. */
interface Cast {
  ctx: AppContext;
  community: string;
  categories: Map<string, string>;
  worker: Actor;
  resident: Actor;
  triage: RequestTriageService;
  unit: RequestHandlingService;
  rating: RequestRatingService;
}

const yard = { location: 'yard' };

function file(c: Cast, s: Say, by: Actor = c.resident) {
  const categoryId = c.categories.get(s.category) ?? c.categories.values().next().value!;
  const own = by === c.resident ? { requesterUserId: by.userId, requesterName: by.displayName } : {};
  return c.ctx.db.transaction((tx) =>
    intakeRequest(c.ctx, tx, by, { ...s, ...own, communityCode: c.community, categoryId }),
  );
}

async function resolved(c: Cast, description: string) {
  const r = await file(c, { channel: 'resident_app', category: 'garbage', attributes: yard, description });
  await c.triage.route(c.worker, r.id, {});
  await c.unit.sign(c.worker, r.id);
  await c.unit.resolve(c.worker, r.id, { reply: '已安排保洁人员清运完毕，感谢您的反映。' });
  return r;
}

/** 待分拣, 已派单 (to the street's department), 处理中 with a note, overdue, and one for the property company. */
async function openOnes(c: Cast, withPartner: boolean): Promise<void> {
  await file(
    c,
    {
      channel: 'phone',
      category: 'garbage',
      attributes: { location: 'street' },
      description: '街口垃圾桶被撞倒，垃圾散了一地',
      requesterName: '周先生',
      requesterPhone: '13800000011',
    },
    c.worker,
  );
  await file(c, {
    channel: 'resident_app',
    category: 'garbage',
    attributes: yard,
    description: '小区东门垃圾桶满了两天没人清',
  });
  const assigned = await file(c, {
    channel: 'resident_app',
    category: 'streetlight',
    attributes: {},
    description: '3号楼前路灯不亮',
  });
  await c.triage.route(c.worker, assigned.id, {});
  const working = await file(
    c,
    {
      channel: 'walk_in',
      category: 'garbage',
      attributes: yard,
      description: '单元门口有大件家具',
      requesterName: '吴阿姨',
    },
    c.worker,
  );
  await c.triage.route(c.worker, working.id, {});
  await c.unit.sign(c.worker, working.id);
  await c.unit.note(c.worker, working.id, { note: '已联系物业，约定周五清运大件' });
  // Overdue: routed with deadlines already past (as if filed two weeks ago).
  const late = await file(c, {
    channel: 'resident_app',
    category: 'garbage',
    attributes: yard,
    description: '垃圾站周边异味严重',
  });
  await c.triage.route(c.worker, late.id, {});
  const past = new Date(c.ctx.clock.now().getTime() - 3 * DAY_MS);
  await updateRequest(c.ctx.db, { id: late.id, areaCode: c.community }, ['assigned'], {
    signDueAt: past,
    dueAt: past,
    routedAt: new Date(past.getTime() - 5 * DAY_MS),
  });
  if (withPartner) await forPartner(c);
}

/** A lift fault: the routing table sends it to the property company (its members act for it). */
async function forPartner(c: Cast): Promise<void> {
  const lift = await file(c, {
    channel: 'resident_app',
    category: 'lift',
    attributes: { building: '5栋1单元', trapped: 'no' },
    description: '5栋电梯经常停在半层',
  });
  await c.triage.route(c.worker, lift.id, {});
}

/** 待评价, 满意, 不满意 twice (closed and escalated), 未评价 (closed by the job), 已驳回, 已合并. */
async function finishedOnes(c: Cast): Promise<void> {
  await resolved(c, '垃圾分类桶破损');
  const happy = await resolved(c, '楼下绿化带有建筑垃圾');
  await c.rating.rate(c.resident, happy.id, { rating: 'satisfied', comment: '处理很及时' });
  const twice = await resolved(c, '垃圾车清运噪音太早');
  await c.rating.rate(c.resident, twice.id, { rating: 'dissatisfied', comment: '还是六点就来' });
  await c.unit.sign(c.worker, twice.id);
  await c.unit.resolve(c.worker, twice.id, { reply: '已与环卫公司协调，清运时间调整到七点以后。' });
  await c.rating.rate(c.resident, twice.id, { rating: 'dissatisfied' });
  const silent = await resolved(c, '小区门口垃圾散落');
  await updateRequest(c.ctx.db, { id: silent.id, areaCode: c.community }, ['resolved'], {
    resolvedAt: new Date(c.ctx.clock.now().getTime() - 8 * DAY_MS),
  });
  await runCloseUnrated(c.ctx);
  const rejected = await file(c, {
    channel: 'resident_app',
    category: 'garbage',
    attributes: yard,
    description: '希望小区增加停车位',
  });
  await c.triage.reject(c.worker, rejected.id, {
    reason: '停车位规划不属于社区诉求受理范围，请联系物业或拨打 12345。',
  });
  const original = await file(c, {
    channel: 'resident_app',
    category: 'streetlight',
    attributes: {},
    description: '8栋旁边路灯坏了',
  });
  const duplicate = await file(c, {
    channel: 'resident_app',
    category: 'streetlight',
    attributes: {},
    description: '8号楼路灯不亮',
  });
  await c.triage.merge(c.worker, duplicate.id, { intoId: original.id, reason: '同一路灯' });
}

/**
 * Demo requests in community A in every state (待分拣, 已派单, 处理中 and overdue, 待评价, 已评价 满意, 未评价,
 * 不满意 twice → escalated, 已驳回, 已合并), filed and moved through the same services staff and residents use.
 */
export async function seedRequestsDemo(ctx: AppContext, input: RequestsDemoInput): Promise<void> {
  const community = input.communityCode;
  const worker = await seedActorOf(ctx, input.worker, 'community_worker', [community]);
  const resident = await seedActorOf(ctx, input.resident, 'resident', [community]);
  const partner = input.partner ? await seedActorOf(ctx, input.partner, 'partner_member', [community]) : null;
  if (!worker || !resident || input.categories.size === 0) return;
  const cast: Cast = {
    ctx,
    community,
    categories: input.categories,
    worker,
    resident,
    triage: new RequestTriageService(ctx),
    unit: new RequestHandlingService(ctx),
    rating: new RequestRatingService(ctx),
  };
  await openOnes(cast, !!partner);
  await finishedOnes(cast);
}
