// Contracts of the wishes module (scaffolded by `npm run new-module`): schemas, permissions and who holds them,
// error codes. The server and the web import it as '@linli/contracts/modules/wishes'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['wishes.read', 'wishes.write'] as const;
export type WishesPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['wishes.read'],
  street_officer: ['wishes.read'],
  community_supervisor: ['wishes.read', 'wishes.write'],
  community_worker: ['wishes.read', 'wishes.write'],
  social_worker: ['wishes.read', 'wishes.write'],
  grid_worker: ['wishes.read', 'wishes.write'],
} as const satisfies Partial<Record<Role, readonly WishesPermission[]>>;

export const ERRORS = {
  'wishes.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
} as const;

export const WishesItemInput = z.object({
  areaCode: AreaCode,
  title: z.string().trim().min(1).max(100),
});
export type WishesItemInput = z.infer<typeof WishesItemInput>;

export const WishesItem = z.object({
  id: Id,
  areaCode: AreaCode,
  title: z.string(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type WishesItem = z.infer<typeof WishesItem>;

export const WishesItemListQuery = PageQuery.extend({ areaCode: AreaCode.optional() });
export const WishesItemList = Paged(WishesItem);
export type WishesItemList = z.infer<typeof WishesItemList>;
