// Contracts of the requests module (scaffolded by `npm run new-module`): schemas, permissions and who holds them,
// error codes. The server and the web import it as '@linli/contracts/modules/requests'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['requests.read', 'requests.write'] as const;
export type RequestsPermission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['requests.read'],
  street_officer: ['requests.read'],
  community_supervisor: ['requests.read', 'requests.write'],
  community_worker: ['requests.read', 'requests.write'],
  social_worker: ['requests.read', 'requests.write'],
  grid_worker: ['requests.read', 'requests.write'],
} as const satisfies Partial<Record<Role, readonly RequestsPermission[]>>;

export const ERRORS = {
  'requests.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
} as const;

export const RequestsItemInput = z.object({
  areaCode: AreaCode,
  title: z.string().trim().min(1).max(100),
});
export type RequestsItemInput = z.infer<typeof RequestsItemInput>;

export const RequestsItem = z.object({
  id: Id,
  areaCode: AreaCode,
  title: z.string(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type RequestsItem = z.infer<typeof RequestsItem>;

export const RequestsItemListQuery = PageQuery.extend({ areaCode: AreaCode.optional() });
export const RequestsItemList = Paged(RequestsItem);
export type RequestsItemList = z.infer<typeof RequestsItemList>;
