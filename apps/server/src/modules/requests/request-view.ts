import type {
  RequestDetail,
  RequestEvent,
  RequestPhoto,
  RequestSummary,
  ResidentRequest,
} from '@linli/contracts/modules/requests';
import { RATING_WINDOW_DAYS } from '@linli/contracts/modules/requests';
import type { DbOrTx } from '../../platform/db';
import { findAreas } from '../org';
import { findPlaceInCommunity } from '../places';
import { categoryVersions } from './catalogue/catalogue.lookup';
import type { RequestEventRow, RequestPhotoRow, RequestRow } from './requests.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const DAY_MS = 86_400_000;

/** Names of categories (as pinned) and communities for a page of rows, read once each. */
export class ViewLookups {
  private readonly categories = new Map<string, { id: string; code: string; name: string; version: number }>();
  private readonly communities = new Map<string, string | null>();
  constructor(private readonly db: DbOrTx) {}

  async load(rows: RequestRow[]): Promise<this> {
    const wanted = new Map<string, { id: string; version: number }>();
    for (const r of rows) {
      const key = `${r.categoryId}:${r.categoryVersion}`;
      if (!this.categories.has(key)) wanted.set(key, { id: r.categoryId, version: r.categoryVersion });
    }
    // One query for every category version the page names (not two per category).
    const found = await categoryVersions(this.db, [...wanted.values()]);
    for (const [key, want] of wanted) {
      const v = found.get(key);
      this.categories.set(key, { id: want.id, code: v?.code ?? '', name: v?.name ?? '', version: want.version });
    }
    const missing = [...new Set(rows.map((r) => r.areaCode))].filter((c) => !this.communities.has(c));
    for (const a of await findAreas(this.db, missing)) this.communities.set(a.code, a.name);
    return this;
  }

  category(r: RequestRow) {
    return this.categories.get(`${r.categoryId}:${r.categoryVersion}`)!;
  }

  community(code: string): string | null {
    return this.communities.get(code) ?? null;
  }
}

export function isOverdue(r: RequestRow, now: Date): boolean {
  return (r.status === 'assigned' || r.status === 'in_progress') && !!r.dueAt && r.dueAt < now;
}

export function unitView(r: RequestRow): RequestSummary['unit'] {
  if (!r.unitKind || !r.unitAreaCode) return null;
  return {
    kind: r.unitKind,
    areaCode: r.unitAreaCode,
    organisationId: r.unitOrganisationId,
    departmentName: r.unitDepartment,
    label: r.unitLabel ?? r.unitAreaCode,
  };
}

export function toSummary(r: RequestRow, l: ViewLookups, now: Date): RequestSummary {
  return {
    id: r.id,
    number: r.number,
    areaCode: r.areaCode,
    communityName: l.community(r.areaCode),
    channel: r.channel,
    category: l.category(r),
    status: r.status,
    urgency: r.urgency,
    excerpt: (r.publicText ?? r.description).slice(0, 80),
    unit: unitView(r),
    signDueAt: iso(r.signDueAt),
    dueAt: iso(r.dueAt),
    overdue: isOverdue(r, now),
    createdAt: r.createdAt.toISOString(),
  };
}

export function toEvent(e: RequestEventRow, names: Map<string, string>, photos: RequestPhotoRow[]): RequestEvent {
  return {
    id: e.id,
    kind: e.kind as RequestEvent['kind'],
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    at: e.at.toISOString(),
    detail: e.detail,
    photoIds: photos.filter((p) => p.eventId === e.id).map((p) => p.id),
  };
}

export function toPhoto(p: RequestPhotoRow): RequestPhoto {
  return { id: p.id, stage: p.stage, width: p.width, height: p.height, createdAt: p.createdAt.toISOString() };
}

export async function placeOf(db: DbOrTx, r: RequestRow) {
  if (!r.placeId) return null;
  const place = await findPlaceInCommunity(db, r.areaCode, r.placeId);
  return place ? { id: place.id, name: place.name } : null;
}

type DetailParts = Pick<RequestDetail, 'events' | 'photos' | 'allowedActions' | 'place'>;

export function toDetail(r: RequestRow, l: ViewLookups, now: Date, parts: DetailParts): RequestDetail {
  return {
    ...toSummary(r, l, now),
    attributes: r.attributes,
    description: r.description,
    publicText: r.publicText,
    requester: { nameMasked: r.requesterNameMasked, phoneMasked: r.requesterPhoneMasked },
    clientId: r.clientId,
    addressString: r.addressString,
    lat: r.lat,
    long: r.long,
    routedAt: iso(r.routedAt),
    signedAt: iso(r.signedAt),
    resolvedAt: iso(r.resolvedAt),
    reply: r.reply,
    rating: r.rating,
    ratingComment: r.ratingComment,
    ratedAt: iso(r.ratedAt),
    reopenCount: r.reopenCount,
    escalatedAt: iso(r.escalatedAt),
    mergedIntoId: r.mergedIntoId,
    rejectReason: r.rejectReason,
    externalRef: r.externalRef,
    updatedAt: r.updatedAt.toISOString(),
    version: r.rowVersion,
    ...parts,
  };
}

/** Until when the requester may rate a resolved request (7 days), or null. */
export function rateUntil(r: RequestRow): Date | null {
  return r.status === 'resolved' && r.resolvedAt
    ? new Date(r.resolvedAt.getTime() + RATING_WINDOW_DAYS * DAY_MS)
    : null;
}

/** The history steps a requester is told about (no internal notes, no staff names). */
export const RESIDENT_EVENT_KINDS = [
  'created',
  'routed',
  'signed',
  'transferred',
  'resolved',
  'rated',
  'reopened',
  'closed',
  'rejected',
  'merged',
];

export function toResidentSummary(r: RequestRow, l: ViewLookups, now: Date) {
  const until = rateUntil(r);
  return {
    id: r.id,
    number: r.number,
    category: { id: r.categoryId, name: l.category(r).name },
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: iso(r.resolvedAt),
    rating: r.rating,
    canRate: !!until && now <= until,
  };
}

export function toResident(
  r: RequestRow,
  l: ViewLookups,
  now: Date,
  parts: { place: ResidentRequest['place']; events: RequestEventRow[]; photos: RequestPhotoRow[] },
): ResidentRequest {
  const until = rateUntil(r);
  const open = parts.events.filter((e) => RESIDENT_EVENT_KINDS.includes(e.kind));
  const shown = parts.photos.filter((p) => p.stage !== 'handling');
  return {
    ...toResidentSummary(r, l, now),
    description: r.description,
    place: parts.place,
    unitLabel: r.unitLabel,
    dueAt: iso(r.dueAt),
    reply: r.reply,
    rejectReason: r.rejectReason,
    ratingComment: r.ratingComment,
    rateUntil: until && now <= until ? until.toISOString() : null,
    photos: shown.map(toPhoto),
    events: open.map((e) => {
      const { actorName: _drop, ...rest } = toEvent(e, new Map(), shown);
      return { ...rest, detail: residentDetail(e) };
    }),
  };
}

/** What of a step's detail the requester sees: the reason of a rejection or transfer, the unit, the rating. */
function residentDetail(e: RequestEventRow): Record<string, unknown> {
  const keep = ['unitLabel', 'rating', 'channel', ...(e.kind === 'rejected' ? ['reason'] : [])];
  return Object.fromEntries(Object.entries(e.detail).filter(([k]) => keep.includes(k)));
}
