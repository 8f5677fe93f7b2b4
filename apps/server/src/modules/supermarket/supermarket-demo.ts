import { randomUUID } from 'node:crypto';
import type { ItemCategory } from '@linli/contracts/modules/supermarket';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { findUserByUsername, seedActorOf } from '../users';
import { findVolunteerByUser } from '../volunteers';
import { bookOnce, volunteerBalance } from './redemption.service';
import { StockService } from './stock.service';
import { SupermarketService } from './supermarket.service';
import { findSupermarket, listSupermarkets } from './supermarket.repository';

export interface VolunteerDemoAreas {
  districtCode: string;
  streetCode: string;
  communityA: string;
  communityB: string;
  /** The demo community supervisor (staff who confirm, approve, stock). */
  createdBy: string | null;
}

type DemoItem = [name: string, category: ItemCategory, unit: string, price: number, stock: number, donor: string];
const ITEMS: DemoItem[] = [
  ['东北大米 5kg', 'grain_oil', '袋', 50, 20, '幸福里超市'],
  ['富强面粉 2.5kg', 'grain_oil', '袋', 25, 15, '幸福里超市'],
  ['花生油 1.8L', 'grain_oil', '桶', 60, 10, '爱心企业 恒丰粮油'],
  ['挂面', 'grain_oil', '把', 8, 40, '居民 张先生'],
  ['洗衣液', 'daily', '瓶', 20, 18, '爱心企业 洁美日化'],
  ['毛巾', 'daily', '条', 10, 30, '居民 刘女士'],
  ['牙膏牙刷套装', 'daily', '套', 12, 25, '爱心企业 洁美日化'],
  ['保温杯', 'daily', '个', 35, 8, '社区志愿者协会'],
  ['儿童文具套装', 'stationery', '套', 15, 12, '育才小学家委会'],
  ['冬季棉手套', 'clothing', '副', 12, 20, '居民 陈阿姨'],
];

/** The supermarket's demo rows: one charity supermarket in community A stocked from donations, a few redemptions. */
export async function seedSupermarketDemo(ctx: AppContext, areas: VolunteerDemoAreas): Promise<void> {
  const worker = await seedActorOf(ctx, 'demo-worker-a', 'community_worker', [areas.communityA]);
  if (!worker) return;
  const existing = await listSupermarkets(ctx.db, { prefixes: [areas.communityA], page: 1, pageSize: 1 });
  if (existing.total > 0) return;
  const markets = new SupermarketService(ctx);
  const stock = new StockService(ctx, markets);
  const market = await markets.create(worker, {
    areaCode: areas.communityA,
    name: '幸福社区爱心超市',
    address: '社区党群服务中心一楼',
    openingHours: '周二、周四、周六 9:00-17:00',
  });
  const items: string[] = [];
  for (const [name, category, unit, pricePoints, quantity, donor] of ITEMS) {
    const item = await markets.createItem(worker, { supermarketId: market.id, name, category, unit, pricePoints });
    const organisation = donor.startsWith('爱心企业') || donor.includes('协会') || donor.includes('家委会');
    await stock.stockIn(worker, {
      itemId: item.id,
      quantity,
      donorKind: organisation ? 'organisation' : 'person',
      donorName: donor,
      fundReference: organisation ? `CSKW-2026-${String(items.length + 1).padStart(3, '0')}` : undefined,
    });
    items.push(item.id);
  }
  await demoRedemptions(ctx, worker, market.id, items);
}

/** A counter redemption and a reservation by the demo volunteers, when they have earned enough points by now. */
async function demoRedemptions(ctx: AppContext, worker: Actor, marketId: string, items: string[]) {
  const market = await findSupermarket(ctx.db, marketId);
  if (!market) return;
  for (const [username, channel, lines] of [
    [
      'r_demo_1',
      'counter',
      [
        { itemId: items[3]!, quantity: 2 },
        { itemId: items[5]!, quantity: 1 },
      ],
    ],
    ['r_demo_2', 'reservation', [{ itemId: items[4]!, quantity: 1 }]],
  ] as const) {
    const user = await findUserByUsername(ctx.db, username);
    const volunteer = user ? await findVolunteerByUser(ctx.db, user.id) : null;
    if (!volunteer || volunteer.status !== 'active') continue;
    if ((await volunteerBalance(ctx, volunteer)) < 30) continue;
    const actor = channel === 'counter' ? worker : await seedActorOf(ctx, username, 'resident', [volunteer.areaCode]);
    if (!actor) continue;
    await bookOnce(ctx, actor, { id: randomUUID(), market, volunteer, lines, channel });
  }
}
