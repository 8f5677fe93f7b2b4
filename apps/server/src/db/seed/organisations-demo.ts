import { usccCheckCharacter } from '@linli/contracts';
import type { AppContext } from '../../platform/context';
import { type SeedPartner, seedOrganisations } from '../../modules/organisations';

/**
 * A USCC of the demo district: registration authority + kind of body (11 机关, 12 事业单位, 51 社会团体, 52 社会服务机构,
 * 53 基金会, 91 企业, 92 个体工商户), division 510107, a made-up organisation code, and the GB 32100 check character.
 */
export function demoUscc(authorityKind: string, serial: number): string {
  const body = `${authorityKind}510107${String(736_000_000 + serial)}`;
  return body + usccCheckCharacter(body)!;
}

/** The smallest valid PDF-looking file, as the alliance's signed pact (公约) document. */
const PACT = Buffer.from('%PDF-1.4\n% 洗面桥社区区域党建联盟公约（演示）\n%%EOF\n', 'utf8');

/** A 共建单位 of community A. */
const unit = (key: string, name: string, subtype: string, code: string, serial: number): SeedPartner => ({
  key,
  areaCode: 'A',
  kind: 'co_building_unit',
  subtype,
  name,
  uscc: demoUscc(code, serial),
  serviceFields: ['volunteering'],
});

/** Partners of every kind ('A', 'B': the demo communities, 'S': their street), a valid USCC where the kind has one. */
const DEMO_PARTNERS: SeedPartner[] = [
  unit('district-justice', '武侯区司法局浆洗街司法所', 'party_government', '11', 1),
  unit('power', '武侯供电服务中心', 'state_enterprise', '91', 2),
  { ...unit('school', '浆洗街小学', 'school', '12', 3), serviceFields: ['education', 'children'] },
  { ...unit('hospital', '武侯区第三人民医院', 'hospital', '12', 4), serviceFields: ['medical', 'elderly'] },
  {
    key: 'elder-assoc',
    areaCode: 'A',
    kind: 'social_organisation',
    subtype: 'social_group',
    name: '武侯区养老服务协会',
    uscc: demoUscc('51', 5),
    serviceFields: ['elderly'],
    rating: '3A',
    ratedOn: '2020-11-15',
  },
  {
    key: 'fund',
    areaCode: 'B',
    kind: 'social_organisation',
    subtype: 'foundation',
    name: '成都邻里公益基金会',
    uscc: demoUscc('53', 6),
    serviceFields: ['assistance'],
    rating: '4A',
    ratedOn: '2023-04-20',
  },
  {
    key: 'sunshine',
    areaCode: 'A',
    kind: 'social_organisation',
    subtype: 'social_service_agency',
    name: '阳光社会工作服务中心',
    uscc: demoUscc('52', 7),
    serviceFields: ['psychology', 'elderly', 'children'],
    serviceAreaCodes: ['B'],
    rating: '4A',
    ratedOn: '2022-06-01',
    address: '武侯区洗面桥街 18 号',
    contacts: [{ name: '何静', role: '主任', phone: '13980001234' }],
  },
  {
    key: 'elders-club',
    areaCode: 'A',
    kind: 'community_social_organisation',
    name: '洗面桥社区老年协会',
    serviceFields: ['elderly', 'culture'],
  },
  {
    key: 'volunteers',
    areaCode: 'B',
    kind: 'community_social_organisation',
    name: '蜀汉街社区志愿服务队',
    serviceFields: ['volunteering'],
  },
  {
    key: 'tongxin',
    areaCode: 'A',
    kind: 'social_work_agency',
    name: '同心社会工作服务中心',
    uscc: demoUscc('52', 8),
    serviceFields: ['disability', 'assistance'],
    rating: '5A',
    ratedOn: '2024-09-10',
  },
  {
    key: 'station',
    areaCode: 'S',
    kind: 'social_work_station',
    name: '浆洗街街道社工站',
    uscc: demoUscc('12', 9),
    serviceFields: ['assistance', 'elderly'],
    serviceAreaCodes: ['S'],
  },
  {
    key: 'caring',
    areaCode: 'A',
    kind: 'caring_enterprise',
    name: '蜀汉餐饮有限公司',
    uscc: demoUscc('91', 10),
    serviceFields: ['elderly'],
    notes: '每周为独居老人送餐两次',
  },
  {
    key: 'shop',
    areaCode: 'A',
    kind: 'merchant',
    name: '洗面桥便民超市',
    uscc: demoUscc('92', 11),
    serviceFields: ['other'],
  },
  {
    key: 'property',
    areaCode: 'A',
    kind: 'property_company',
    name: '锦城物业服务有限公司',
    uscc: demoUscc('91', 12),
    serviceFields: ['property'],
  },
  {
    key: 'psy',
    areaCode: 'A',
    kind: 'expert',
    name: '周心宁',
    expertField: '心理咨询',
    expertQualification: '二级心理咨询师',
    serviceFields: ['psychology'],
    contacts: [{ name: '周心宁', phone: '13880005678' }],
  },
  {
    key: 'lawyer',
    areaCode: 'A',
    kind: 'expert',
    name: '吴立诚',
    expertField: '婚姻家事、赡养纠纷',
    expertQualification: '执业律师',
    serviceFields: ['legal'],
  },
  {
    key: 'doctor',
    areaCode: 'B',
    kind: 'expert',
    name: '郑安和',
    expertField: '老年医学',
    expertQualification: '主任医师',
    serviceFields: ['medical'],
  },
];

export function demoPartners(a: string, b: string, street: string): SeedPartner[] {
  const code = (token: string) => ({ A: a, B: b, S: street })[token] ?? token;
  return DEMO_PARTNERS.map((p) => ({
    ...p,
    areaCode: code(p.areaCode),
    serviceAreaCodes: (p.serviceAreaCodes ?? []).map(code),
  }));
}

/** The register's demo data: partners of each kind and one alliance with a pact, a rotating chair and commitments. */
export async function seedOrganisationsDemo(
  ctx: AppContext,
  input: { communityA: string; communityB: string; street: string; createdBy: string | null },
): Promise<Map<string, string>> {
  return seedOrganisations(ctx, {
    createdBy: input.createdBy,
    partners: demoPartners(input.communityA, input.communityB, input.street),
    alliance: {
      areaCode: input.communityA,
      name: '洗面桥社区区域党建联盟',
      type: 'party_building',
      members: [
        { key: 'hospital', joinedOn: '2025-12-20', pactSignedOn: '2025-12-20', pact: PACT },
        { key: 'school', joinedOn: '2025-12-20', pactSignedOn: '2025-12-20' },
        { key: 'property', joinedOn: '2026-01-08' },
      ],
      chairs: [
        { key: 'hospital', fromOn: '2026-01-01', toOn: '2026-06-30' },
        { key: 'school', fromOn: '2026-07-01', toOn: '2026-12-31' },
      ],
      commitments: [
        { key: 'hospital', text: '每月一次义诊进社区', dueOn: '2026-12-31', status: 'in_progress' },
        { key: 'property', text: '更换老旧楼道照明', dueOn: '2026-06-30', status: 'pledged' },
      ],
    },
  });
}
