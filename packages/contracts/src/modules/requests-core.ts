// Schemas of the requests module's core part; re-exported by ./requests.ts.
import type { ErrorSpec } from '../error-codes';

export const CORE_ERRORS = {} as const satisfies Record<string, ErrorSpec>;

// Scaffold placeholder (replaced by the core workflow's schemas).
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged } from '../common';
import { AreaCode } from '../org';

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
