import { randomUUID } from 'node:crypto';
import type { PlaceKind } from '@linli/contracts/modules/places';
import type { AppContext } from '../../platform/context';
import { insertPlace } from './places.repository';

type DemoPlace = [
  name: string,
  kind: PlaceKind,
  address: string | null,
  dLat: number,
  dLong: number,
  x: number,
  y: number,
];

/** A residential compound of the demo community (洗面桥): buildings, gates, the square and the service points. */
const FIRST: DemoPlace[] = [
  ['1号楼', 'building', '洗面桥街 8 号院 1 栋', 0.0004, -0.0006, 20, 25],
  ['2号楼', 'building', '洗面桥街 8 号院 2 栋', 0.0004, 0.0, 45, 25],
  ['3号楼', 'building', '洗面桥街 8 号院 3 栋', 0.0004, 0.0006, 70, 25],
  ['5号楼', 'building', '洗面桥街 8 号院 5 栋', -0.0003, -0.0006, 20, 70],
  ['6号楼', 'building', '洗面桥街 8 号院 6 栋', -0.0003, 0.0006, 70, 70],
  ['东门', 'gate', '洗面桥街 8 号', 0.0, 0.001, 95, 50],
  ['北门', 'gate', '洗面桥横街', 0.0008, 0.0, 50, 2],
  ['中心广场', 'square', null, 0.0, 0.0, 45, 50],
  ['社区党群服务中心', 'hall', '洗面桥街 10 号', -0.0006, 0.0009, 88, 88],
  ['便民菜店', 'shop', '洗面桥街 8 号附 3 号', -0.0007, -0.0002, 35, 92],
];
/** The neighbouring community: a smaller list. */
const SECOND: DemoPlace[] = [
  ['A栋', 'building', null, 0.0003, -0.0003, 30, 30],
  ['B栋', 'building', null, 0.0003, 0.0003, 70, 30],
  ['南门', 'gate', null, -0.0005, 0.0, 50, 98],
  ['老年活动室', 'hall', null, -0.0002, 0.0004, 80, 70],
];

/** Where the demo compounds lie (Chengdu, 武侯区): the places' coordinates are offsets from here. */
const CENTRES = [
  [30.6418, 104.0442],
  [30.6452, 104.0391],
] as const;

/**
 * Demo data of the places module: the buildings and points of the two demo communities of street A, with
 * coordinates (for Open311 nearest-place matching) and positions on a community plan.
 */
export async function seedPlacesDemo(
  ctx: AppContext,
  input: { communities: readonly string[]; createdBy: string | null },
): Promise<void> {
  const now = ctx.clock.now();
  const lists = [FIRST, SECOND];
  await ctx.db.transaction(async (tx) => {
    for (const [index, communityCode] of input.communities.slice(0, 2).entries()) {
      const [lat0, long0] = CENTRES[index]!;
      for (const [name, kind, address, dLat, dLong, x, y] of lists[index]!) {
        await insertPlace(tx, {
          id: randomUUID(),
          areaCode: communityCode,
          name,
          kind,
          address,
          lat: (lat0 + dLat).toFixed(6),
          long: (long0 + dLong).toFixed(6),
          positionX: x,
          positionY: y,
          active: true,
          // The seed runs before anyone signs in; a nil id says "the system" when no supervisor exists.
          createdBy: input.createdBy ?? '00000000-0000-0000-0000-000000000000',
          createdAt: now,
          updatedAt: now,
          rowVersion: 1,
        });
      }
    }
  });
}
