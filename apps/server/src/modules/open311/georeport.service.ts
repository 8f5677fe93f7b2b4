import type { GeoRequest } from '@linli/contracts/modules/open311';
import type { AppContext } from '../../platform/context';
import { type CategoryAtVersion, findCategory, listActiveCategories, publicRequestViews } from '../requests';
import { badRequest, notFound } from './georeport.errors';
import { type GeoRequestRow, districtCodes, findByNumber, findByToken, listForGeo } from './georeport.repository';
import { CLOSED_STATUSES, OPEN_STATUSES, toGeoRequest } from './georeport.view';
import type { Open311KeyRow } from './keys.repository';

const DAY_MS = 86_400_000;
/** The standard's defaults for GET requests: the last 90 days, at most 1000 requests. */
export const DEFAULT_DAYS = 90;
export const MAX_REQUESTS = 1000;

const districtPrefix = (district: string) => district.slice(0, 6);

/** The public, read-only side of GeoReport v2: services, their definitions, requests and tokens. */
export class GeoReadService {
  constructor(private readonly ctx: AppContext) {}

  /**
   * The district a call is about: the key's, else `jurisdiction_id` (a district's 12-digit code), else the only
   * district this server holds. A server with several districts needs one of them (400).
   */
  async district(jurisdictionId: string | undefined, key: Open311KeyRow | null = null): Promise<string> {
    if (key) return `${key.areaCode.slice(0, 6)}000000`;
    const districts = await districtCodes(this.ctx.db);
    if (jurisdictionId !== undefined) {
      if (!districts.includes(jurisdictionId)) throw notFound(`jurisdiction_id ${jurisdictionId} is not served here`);
      return jurisdictionId;
    }
    if (districts.length === 1) return districts[0]!;
    throw badRequest('jurisdiction_id is required: this server serves several districts');
  }

  async services(district: string) {
    const categories = await listActiveCategories(this.ctx.db, district);
    return categories.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: c.description ?? '',
      metadata: c.questions.length > 0,
      type: 'realtime' as const,
      keywords: [c.group, c.name].filter(Boolean).join(','),
      group: c.group,
    }));
  }

  async definition(district: string, serviceCode: string) {
    const category = await findCategory(this.ctx.db, district, serviceCode);
    if (!category || !category.active || category.code !== serviceCode)
      throw notFound(`service_code ${serviceCode} not found`);
    return {
      service_code: category.code,
      attributes: category.questions.map((q, index) => ({
        variable: true,
        code: q.code,
        datatype: q.datatype,
        required: q.required,
        datatype_description: DATATYPE_WORDS[q.datatype],
        order: index + 1,
        description: q.label,
        values: (q.values ?? []).map((v) => ({ key: v.key, name: v.name })),
      })),
    };
  }

  async list(
    district: string,
    query: {
      service_request_id?: string;
      service_code?: string;
      start_date?: string;
      end_date?: string;
      status?: string;
    },
  ): Promise<GeoRequest[]> {
    const numbers = query.service_request_id ? commaList(query.service_request_id, 'service_request_id') : undefined;
    let categoryIds: string[] | undefined;
    if (query.service_code) {
      const found = await Promise.all(
        commaList(query.service_code, 'service_code').map((code) => findCategory(this.ctx.db, district, code)),
      );
      categoryIds = found.flatMap((c) => (c ? [c.id] : []));
    }
    const end = query.end_date ? parseDate(query.end_date, 'end_date') : this.ctx.clock.now();
    const start = query.start_date
      ? parseDate(query.start_date, 'start_date')
      : new Date(end.getTime() - DEFAULT_DAYS * DAY_MS);
    if (start > end) throw badRequest('start_date is after end_date');
    const statuses = query.status ? statusesOf(query.status) : undefined;
    const rows = await listForGeo(this.ctx.db, {
      districtPrefix: districtPrefix(district),
      numbers,
      categoryIds,
      start,
      end,
      statuses,
      limit: MAX_REQUESTS,
    });
    return this.views(rows);
  }

  async one(district: string, number: string): Promise<GeoRequest[]> {
    const row = await findByNumber(this.ctx.db, districtPrefix(district), number);
    if (!row) throw notFound(`service_request_id ${number} not found`);
    return this.views([row]);
  }

  async token(district: string, token: string) {
    const row = await findByToken(this.ctx.db, districtPrefix(district), token);
    if (!row) throw notFound(`token ${token} not found`);
    return [{ token, service_request_id: row.number }];
  }

  /** Rows as the standard's requests, through the requests module's public view (one place decides what is public). */
  private async views(rows: GeoRequestRow[]): Promise<GeoRequest[]> {
    return (await publicRequestViews(this.ctx.db, rows)).map(toGeoRequest);
  }
}

const DATATYPE_WORDS: Record<CategoryAtVersion['questions'][number]['datatype'], string> = {
  string: 'A line of text',
  text: 'Text, several lines',
  number: 'A number',
  datetime: 'A date and time (ISO 8601)',
  singlevaluelist: 'One of the values (send its key)',
  multivaluelist: 'One or more of the values (send their keys, attribute[code][]=…)',
};

function commaList(value: string, name: string): string[] {
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (items.length === 0 || items.length > MAX_REQUESTS || items.some((i) => i.length > 64))
    throw badRequest(`${name} is not valid`);
  return [...new Set(items)];
}

function parseDate(value: string, name: string): Date {
  // W3C / ISO 8601 date or date-time; a bare date is midnight China time.
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(iso)
    ? Date.parse(iso)
    : NaN;
  // Years the database's timestamps and the request numbers can hold (year 0000 parses, and PostgreSQL refuses it).
  if (!Number.isFinite(at) || at < Date.UTC(1970, 0, 1) || at > Date.UTC(2200, 0, 1))
    throw badRequest(`${name} is not a W3C date-time`);
  return new Date(at);
}

function statusesOf(value: string): GeoRequestRow['status'][] {
  const out: GeoRequestRow['status'][] = [];
  for (const s of value.split(',').map((v) => v.trim().toLowerCase())) {
    if (s === 'open') out.push(...OPEN_STATUSES);
    else if (s === 'closed') out.push(...CLOSED_STATUSES);
    else throw badRequest('status must be open or closed');
  }
  return out;
}
