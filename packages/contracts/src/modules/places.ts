// Contracts of the places module (scaffolded by `npm run new-module`): schemas, permissions and who holds them,
// error codes. The server and the web import it as '@linli/contracts/modules/places'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['places.read', 'places.write'] as const;
export type PlacesPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['places.read'],
  street_officer: ['places.read'],
  community_supervisor: ['places.read', 'places.write'],
  community_worker: ['places.read', 'places.write'],
  social_worker: ['places.read', 'places.write'],
  grid_worker: ['places.read', 'places.write'],
} as const satisfies Partial<Record<Role, readonly PlacesPermission[]>>;

export const ERRORS = {
  'places.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
} as const;

export const PlacesItemInput = z.object({
  areaCode: AreaCode,
  title: z.string().trim().min(1).max(100),
});
export type PlacesItemInput = z.infer<typeof PlacesItemInput>;

export const PlacesItem = z.object({
  id: Id,
  areaCode: AreaCode,
  title: z.string(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type PlacesItem = z.infer<typeof PlacesItem>;

export const PlacesItemListQuery = PageQuery.extend({ areaCode: AreaCode.optional() });
export const PlacesItemList = Paged(PlacesItem);
export type PlacesItemList = z.infer<typeof PlacesItemList>;
