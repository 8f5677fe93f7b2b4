// Contracts of the places module: a community's own list of buildings and points (小区楼栋/地点), and the photo
// upload every module uses (platform/media). The server and the web import it as '@linli/contracts/modules/places'.
import { z } from 'zod';
import { Id, IsoDateTime } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['places.read', 'places.manage'] as const;
export type PlacesPermission = (typeof PERMISSIONS)[number];

const read = ['places.read'] as const;
const manage = ['places.read', 'places.manage'] as const;
export const ROLE_GRANTS = {
  district_officer: read,
  street_officer: read,
  community_supervisor: manage,
  community_worker: manage,
  social_worker: read,
  grid_worker: manage,
  // A resident picks a building of their own community when filing a request; a partner's member sees where a
  // wish or a request routed to the organisation is.
  resident: read,
  partner_member: read,
} as const satisfies Partial<Record<Role, readonly PlacesPermission[]>>;

export const ERRORS = {
  'places.not_found': { status: 404, zh: '地点不存在，或您无权查看', en: 'Place not found, or not yours to see' },
  'places.name_taken': {
    status: 409,
    zh: '本社区已有同名的地点',
    en: 'This community already has a place of that name',
  },
} as const;

export const PLACE_KINDS = ['building', 'gate', 'square', 'hall', 'shop', 'other'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

const Lat = z.number().min(-90).max(90);
const Long = z.number().min(-180).max(180);
const PlanPosition = z.number().int().min(0).max(100);

export const PlaceInput = z.object({
  communityCode: AreaCode,
  name: z.string().trim().min(1).max(50),
  kind: PlaceKind,
  address: z.string().trim().max(200).nullable().optional(),
  lat: Lat.nullable().optional(),
  long: Long.nullable().optional(),
  positionX: PlanPosition.nullable().optional(),
  positionY: PlanPosition.nullable().optional(),
});
export type PlaceInput = z.infer<typeof PlaceInput>;

/** A change: the fields sent are changed; `version` is the row version the editor started from. */
export const PlaceUpdate = PlaceInput.omit({ communityCode: true })
  .partial()
  .extend({ active: z.boolean().optional(), version: z.number().int().min(1) });
export type PlaceUpdate = z.infer<typeof PlaceUpdate>;

export const Place = z.object({
  id: Id,
  communityCode: AreaCode,
  name: z.string(),
  kind: PlaceKind,
  address: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  positionX: z.number().nullable(),
  positionY: z.number().nullable(),
  active: z.boolean(),
  version: z.number(),
  updatedAt: IsoDateTime,
  allowedActions: z.array(z.enum(['update', 'deactivate', 'activate'])),
});
export type Place = z.infer<typeof Place>;

export const PlaceListQuery = z.object({
  /** Default: the caller's own community (a resident's, or the one their grid or current area lies in). */
  communityCode: AreaCode.optional(),
  /** Staff may list the inactive ones too; everyone else sees the active places only. */
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const PlaceList = z.object({ items: z.array(Place) });
export type PlaceList = z.infer<typeof PlaceList>;

/** The answer to `POST /api/media/photos`: the upload's id, to be named in the form that attaches it. */
export const PhotoUpload = z.object({ id: Id, width: z.number().int(), height: z.number().int() });
export type PhotoUpload = z.infer<typeof PhotoUpload>;
/** What the photo upload accepts (checked again by the bytes' own magic numbers). */
export const PHOTO_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
