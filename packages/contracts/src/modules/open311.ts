// Contracts of the open311 module: the API keys issued to partner systems (admin API) and the JSON side of the
// Open311 GeoReport v2 endpoints under /open311/v2/ (docs/open311.md). The server and the web import it as
// '@linli/contracts/modules/open311'.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged, UNSTORABLE_TEXT, isStorableText } from '../common';
import { AreaCode } from '../org';
import type { Role } from '../permissions';

export const PERMISSIONS = ['open311.keys.manage'] as const;
export type Open311Permission = (typeof PERMISSIONS)[number];

/** Keys open a door into the request queue from outside: the system administrator issues and revokes them. */
export const ROLE_GRANTS = {
  system_admin: ['open311.keys.manage'],
} as const satisfies Partial<Record<Role, readonly Open311Permission[]>>;

export const ERRORS = {
  'open311.not_found': { status: 404, zh: '未找到该接口密钥', en: 'API key not found' },
  'open311.already_revoked': { status: 409, zh: '该密钥已吊销', en: 'The key is already revoked' },
} as const;

// ---- API keys (admin) ----

export const Open311KeyInput = z.object({
  /** The district, street or community the partner system may file requests in. */
  areaCode: AreaCode,
  /** The partner system's name (e.g. "12345 市民服务平台"). */
  name: z.string().trim().min(1).max(60).refine(isStorableText, UNSTORABLE_TEXT),
  rateLimitPerMinute: z.number().int().min(1).max(600).default(30),
});
export type Open311KeyInput = z.input<typeof Open311KeyInput>;

export const Open311Key = z.object({
  id: Id,
  areaCode: AreaCode,
  name: z.string(),
  /** The first characters of the key, to recognise it in a partner's configuration (never the secret). */
  prefix: z.string(),
  rateLimitPerMinute: z.number().int(),
  createdAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
  lastUsedAt: IsoDateTime.nullable(),
});
export type Open311Key = z.infer<typeof Open311Key>;

/** The answer to a creation: the whole key, shown once (only its hash is stored). */
export const Open311KeyCreated = z.object({ key: Open311Key, apiKey: z.string() });
export type Open311KeyCreated = z.infer<typeof Open311KeyCreated>;

export const Open311KeyListQuery = PageQuery.extend({ revoked: z.enum(['true', 'false']).optional() });
export const Open311KeyList = Paged(Open311Key);
export type Open311KeyList = z.infer<typeof Open311KeyList>;

// ---- GeoReport v2 (the JSON side; the XML side carries the same fields) ----

export const GEOREPORT_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;

export const GeoService = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export const GeoServiceList = z.array(GeoService);

export const GeoAttribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(GEOREPORT_DATATYPES),
  required: z.boolean(),
  datatype_description: z.string(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
export const GeoServiceDefinition = z.object({ service_code: z.string(), attributes: z.array(GeoAttribute) });

export const GeoRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export type GeoRequest = z.infer<typeof GeoRequest>;
export const GeoRequestList = z.array(GeoRequest);

export const GeoPostResult = z.array(
  z.object({
    service_request_id: z.string(),
    token: z.string(),
    service_notice: z.string(),
    account_id: z.string().nullable(),
  }),
);
export const GeoTokenResult = z.array(z.object({ token: z.string(), service_request_id: z.string() }));
export const GeoErrorList = z.array(z.object({ code: z.number().int(), description: z.string() }));
export type GeoErrorList = z.infer<typeof GeoErrorList>;

/** The query of GET requests.{format} (dates are ISO 8601 / W3C; comma list of ids). */
export const GeoRequestQuery = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(64).optional(),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  status: z.string().max(20).optional(),
  jurisdiction_id: z.string().max(20).optional(),
});
export const GeoServicesQuery = z.object({
  jurisdiction_id: z.string().max(20).optional(),
  api_key: z.string().max(200).optional(),
});
export const GeoJurisdictionQuery = z.object({ jurisdiction_id: z.string().max(20).optional() });
