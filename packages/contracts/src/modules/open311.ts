// Contracts of the open311 module (scaffolded by `npm run new-module`): schemas, permissions and who holds them,
// error codes. The server and the web import it as '@linli/contracts/modules/open311'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['open311.read', 'open311.write'] as const;
export type Open311Permission = (typeof PERMISSIONS)[number];

export const ROLE_GRANTS = {
  district_officer: ['open311.read'],
  street_officer: ['open311.read'],
  community_supervisor: ['open311.read', 'open311.write'],
  community_worker: ['open311.read', 'open311.write'],
  social_worker: ['open311.read', 'open311.write'],
  grid_worker: ['open311.read', 'open311.write'],
} as const satisfies Partial<Record<Role, readonly Open311Permission[]>>;

export const ERRORS = {
  'open311.not_found': { status: 404, zh: '未找到，或您无权查看', en: 'Not found, or not yours to see' },
} as const;

export const Open311ItemInput = z.object({
  areaCode: AreaCode,
  title: z.string().trim().min(1).max(100),
});
export type Open311ItemInput = z.infer<typeof Open311ItemInput>;

export const Open311Item = z.object({
  id: Id,
  areaCode: AreaCode,
  title: z.string(),
  createdAt: IsoDateTime,
  allowedActions: z.array(z.string()),
});
export type Open311Item = z.infer<typeof Open311Item>;

export const Open311ItemListQuery = PageQuery.extend({ areaCode: AreaCode.optional() });
export const Open311ItemList = Paged(Open311Item);
export type Open311ItemList = z.infer<typeof Open311ItemList>;
