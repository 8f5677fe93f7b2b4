import { randomUUID } from 'node:crypto';
import type { CategoryQuestion } from '@linli/contracts/modules/requests';
import type { AppContext } from '../../../platform/context';
import { insertCategory, insertRule, type RoutingRuleInsert } from './catalogue.repository';

type DemoCategory = {
  code: string;
  group: string;
  name: string;
  description: string;
  urgency: 'urgent' | 'normal';
  sign: number;
  resolve: number;
  questions: CategoryQuestion[];
};

const yesNo = [
  { key: 'yes', name: '是' },
  { key: 'no', name: '否' },
];
const list = (code: string, label: string, required: boolean, names: [string, string][], multi = false) => ({
  code,
  label,
  required,
  datatype: multi ? ('multivaluelist' as const) : ('singlevaluelist' as const),
  values: names.map(([key, name]) => ({ key, name })),
});

/** The demo district's catalogue: the groups residents most often raise, with questions a worker would ask. */
const DEMO_CATEGORIES: DemoCategory[] = [
  {
    code: 'garbage',
    group: '环境卫生',
    name: '垃圾清运',
    description: '垃圾未及时清运、垃圾桶满溢',
    urgency: 'normal',
    sign: 1,
    resolve: 2,
    questions: [
      list('location', '位置', true, [
        ['building', '楼栋内'],
        ['yard', '小区公共区域'],
        ['street', '街面'],
      ]),
      list('amount', '数量', false, [
        ['little', '少量'],
        ['much', '较多'],
        ['bulky', '大件垃圾'],
      ]),
    ],
  },
  {
    code: 'clutter',
    group: '环境卫生',
    name: '楼道堆物',
    description: '楼道、消防通道堆放杂物',
    urgency: 'normal',
    sign: 1,
    resolve: 3,
    questions: [
      { code: 'building', label: '楼栋单元', datatype: 'string', required: true },
      { code: 'blocks_exit', label: '是否堵塞消防通道', datatype: 'singlevaluelist', required: true, values: yesNo },
    ],
  },
  {
    code: 'streetlight',
    group: '市政设施',
    name: '路灯损坏',
    description: '路灯不亮、闪烁或灯杆倾斜',
    urgency: 'normal',
    sign: 1,
    resolve: 5,
    questions: [
      { code: 'pole_number', label: '灯杆编号（如有）', datatype: 'string', required: false },
      { code: 'count', label: '损坏数量', datatype: 'number', required: false },
    ],
  },
  {
    code: 'road',
    group: '市政设施',
    name: '道路破损',
    description: '路面坑洼、井盖破损或缺失',
    urgency: 'normal',
    sign: 2,
    resolve: 10,
    questions: [
      list('size', '破损面积', true, [
        ['small', '小于 1 平方米'],
        ['medium', '1 至 5 平方米'],
        ['large', '大于 5 平方米'],
      ]),
      { code: 'since', label: '发现时间', datatype: 'datetime', required: false },
    ],
  },
  {
    code: 'lift',
    group: '物业服务',
    name: '电梯故障',
    description: '电梯停运、困人或异响',
    urgency: 'urgent',
    sign: 0,
    resolve: 1,
    questions: [
      { code: 'building', label: '楼栋单元', datatype: 'string', required: true },
      { code: 'trapped', label: '是否有人被困', datatype: 'singlevaluelist', required: true, values: yesNo },
    ],
  },
  {
    code: 'leak',
    group: '物业服务',
    name: '漏水',
    description: '楼上渗水、公共管道或屋顶漏水',
    urgency: 'normal',
    sign: 1,
    resolve: 3,
    questions: [
      list('source', '漏水来源', true, [
        ['upstairs', '楼上渗水'],
        ['pipe', '公共管道'],
        ['roof', '屋顶'],
      ]),
      { code: 'floor', label: '楼层', datatype: 'number', required: false },
    ],
  },
  {
    code: 'dispute',
    group: '邻里纠纷',
    name: '邻里纠纷',
    description: '噪音、宠物、占道停车等邻里矛盾，需要调解',
    urgency: 'normal',
    sign: 1,
    resolve: 10,
    questions: [
      list(
        'kind',
        '纠纷类型',
        true,
        [
          ['noise', '噪音'],
          ['pet', '宠物'],
          ['parking', '占道停车'],
          ['other', '其他'],
        ],
        true,
      ),
    ],
  },
  {
    code: 'elderly',
    group: '为老服务',
    name: '为老服务',
    description: '老年人助餐、助洁、助医、陪伴等需求',
    urgency: 'normal',
    sign: 1,
    resolve: 5,
    questions: [
      list(
        'need',
        '需要的服务',
        true,
        [
          ['meal', '助餐'],
          ['clean', '助洁'],
          ['medical', '助医'],
          ['company', '陪伴'],
        ],
        true,
      ),
    ],
  },
  {
    code: 'other',
    group: '其他',
    name: '其他',
    description: '以上分类以外的诉求',
    urgency: 'normal',
    sign: 1,
    resolve: 10,
    questions: [],
  },
];

export interface CatalogueDemoInput {
  districtCode: string;
  streetCode: string;
  communityA: string;
  /** A grid of community A (楼道堆物 goes to it). */
  gridCode: string;
  /** The property company of the partner register (held in community A): lifts and leaks on its street. */
  propertyCompanyId: string;
  createdBy: string | null;
}

/**
 * The demo catalogue and routing: 路灯/道路 to the street's 城市管理科 (district rule, the request's street), lifts and
 * leaks on street A to the property company (it serves community A only, so B falls back to the district rule or to
 * the community), 楼道堆物 in community A to its first grid; everything else stays with the community.
 * Returns the category ids by code, for the requests the demo files.
 */
export async function seedCatalogueDemo(ctx: AppContext, input: CatalogueDemoInput): Promise<Map<string, string>> {
  const now = ctx.clock.now();
  const ids = new Map(DEMO_CATEGORIES.map((c) => [c.code, randomUUID()]));
  await ctx.db.transaction(async (tx) => {
    for (const c of DEMO_CATEGORIES) {
      const id = ids.get(c.code)!;
      const areaCode = input.districtCode;
      await insertCategory(
        tx,
        {
          id,
          areaCode,
          code: c.code,
          groupName: c.group,
          active: true,
          currentVersion: 1,
          createdAt: now,
          updatedAt: now,
        },
        {
          categoryId: id,
          version: 1,
          areaCode,
          name: c.name,
          description: c.description,
          questions: c.questions,
          defaultUrgency: c.urgency,
          signWorkingDays: c.sign,
          resolveWorkingDays: c.resolve,
          createdBy: input.createdBy,
          createdAt: now,
        },
      );
    }
    for (const r of demoRules(ids, input, now)) await insertRule(tx, r);
  });
  return ids;
}

function demoRules(ids: Map<string, string>, input: CatalogueDemoInput, now: Date): RoutingRuleInsert[] {
  const rule = (areaCode: string, code: string, unit: Partial<RoutingRuleInsert>): RoutingRuleInsert => ({
    id: randomUUID(),
    areaCode,
    categoryId: ids.get(code)!,
    unitKind: 'community',
    unitAreaCode: null,
    organisationId: null,
    departmentName: null,
    createdBy: input.createdBy,
    createdAt: now,
    ...unit,
  });
  const street = { unitKind: 'street_department' as const, departmentName: '城市管理科' };
  const company = {
    unitKind: 'organisation' as const,
    unitAreaCode: input.communityA,
    organisationId: input.propertyCompanyId,
  };
  return [
    rule(input.districtCode, 'streetlight', street),
    rule(input.districtCode, 'road', street),
    rule(input.streetCode, 'lift', company),
    rule(input.streetCode, 'leak', company),
    rule(input.communityA, 'clutter', { unitKind: 'grid', unitAreaCode: input.gridCode }),
    rule(input.communityA, 'garbage', { unitKind: 'community' }),
  ];
}
