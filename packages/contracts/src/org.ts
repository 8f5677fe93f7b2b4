import { z } from 'zod';
import { Id, IsoDateTime } from './common';
import type { FieldCode } from './field-messages';

export const AREA_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export const AreaLevel = z.enum(AREA_LEVELS);
export type AreaLevel = z.infer<typeof AreaLevel>;

/**
 * Area codes: district/street/community are 12-digit statistical codes; a grid is its community's 12 digits
 * plus a local 3-digit number. The scope prefix is the significant part (6 / 9 / 12 / 15 chars).
 */
export const AreaCode = z.string().regex(/^\d{12}(\d{3})?$/, 'area.code_format' satisfies FieldCode);

export const Area = z.object({
  code: AreaCode,
  parentCode: AreaCode.nullable(),
  level: AreaLevel,
  name: z.string(),
  status: z.enum(['active', 'merged']),
  mergedInto: AreaCode.nullable(),
  version: z.number().int(),
  updatedAt: IsoDateTime,
});
export type Area = z.infer<typeof Area>;

export const AreaDetail = Area.extend({
  path: z.array(z.object({ code: AreaCode, name: z.string(), level: AreaLevel })),
  childCount: z.number().int(),
  allowedActions: z.array(z.string()),
});
export type AreaDetail = z.infer<typeof AreaDetail>;

export const AreaList = z.object({ items: z.array(Area) });

export const AreaCreateInput = z.object({
  parentCode: AreaCode,
  name: z.string().trim().min(1).max(60),
  /** Optional for communities (new statistical code); grids get the next local number when omitted. */
  code: AreaCode.optional(),
});
export const AreaRenameInput = z.object({ name: z.string().trim().min(1).max(60), version: z.number().int() });
export const AreaMergeInput = z.object({ intoCode: AreaCode, version: z.number().int() });

export const AreaChange = z.object({
  id: Id,
  areaCode: AreaCode,
  version: z.number().int(),
  kind: z.enum(['created', 'renamed', 'merged', 'imported']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string().nullable(),
  at: IsoDateTime,
});
export const AreaHistory = z.object({ items: z.array(AreaChange) });

export const CatalogEntry = z.object({ code: AreaCode, name: z.string(), level: AreaLevel, imported: z.boolean() });
export const CatalogList = z.object({ items: z.array(CatalogEntry) });
export const AreaImportInput = z.object({ code: AreaCode });
