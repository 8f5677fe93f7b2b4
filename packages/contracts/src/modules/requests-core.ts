// Schemas of the requests module's core workflow (intake → triage → routing → handling → rating); re-exported by
// ./requests.ts. Statuses and their Open311 mapping are in docs/requests.md.
import { z } from 'zod';
import { Id, IsoDateTime, PageQuery, Paged, UNSTORABLE_TEXT, isStorableText } from '../common';
import { MobileInput, PersonName } from '../care/values';
import type { ErrorSpec } from '../error-codes';
import { AreaCode } from '../org';
import { CategoryQuestion } from './requests-catalogue';

export const CORE_ERRORS = {
  'requests.invalid_state': {
    status: 409,
    zh: '该诉求的当前状态不允许此操作，请刷新后重试',
    en: 'The request is not in a state that allows this; reload and try again',
  },
  'requests.rating_closed': {
    status: 409,
    zh: '评价期限已过（办结后 7 天内可评价）',
    en: 'The rating period has ended (7 days after resolution)',
  },
  'requests.invalid_input': { status: 400, zh: '提交的内容有误，请检查', en: 'Please check the highlighted fields' },
  'requests.not_a_resident': {
    status: 404,
    zh: '未找到您的居民账号信息',
    en: 'Your resident account was not found',
  },
} as const satisfies Record<string, ErrorSpec>;

const text = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText, UNSTORABLE_TEXT);

/** Where a request came in. */
export const REQUEST_CHANNELS = ['resident_app', 'walk_in', 'phone', 'visit', 'hotline_12345', 'open311'] as const;
export const RequestChannel = z.enum(REQUEST_CHANNELS);
export type RequestChannel = z.infer<typeof RequestChannel>;
/** The channels staff enter on a resident's behalf. */
export const STAFF_INTAKE_CHANNELS = ['walk_in', 'phone', 'visit'] as const;

/**
 * submitted 待分拣 → assigned 已派单/待签收 → in_progress 已签收/处理中 → resolved 已办结/待评价 → closed 已评价;
 * rejected 已驳回, merged 已合并. Open311: open = submitted|assigned|in_progress, closed = the rest.
 */
export const REQUEST_STATUSES = [
  'submitted',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'merged',
] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['submitted', 'assigned', 'in_progress'];

export const REQUEST_URGENCIES = ['urgent', 'normal'] as const;
export const RequestUrgency = z.enum(REQUEST_URGENCIES);
export type RequestUrgency = z.infer<typeof RequestUrgency>;

/** 满意 / 基本满意 / 不满意 by the resident; 未评价 ('unrated') is set by the job after 7 days, never by a person. */
export const REQUEST_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied', 'unrated'] as const;
export const RequestRating = z.enum(REQUEST_RATINGS);
export type RequestRating = z.infer<typeof RequestRating>;
export const RequestRatingChoice = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
/** Days after resolution during which the requester may rate. */
export const RATING_WINDOW_DAYS = 7;

export const REQUEST_UNIT_KINDS = ['community', 'grid', 'street_department', 'organisation'] as const;
export const RequestUnitKindCore = z.enum(REQUEST_UNIT_KINDS);

/** A responsible unit as chosen by a triager or a transfer (the catalogue's routing picks one by default). */
export const RequestUnitInput = z.object({
  kind: RequestUnitKindCore,
  /** community: the request's community; grid: a grid in it; street_department: its street. Not for organisation. */
  areaCode: AreaCode.optional(),
  organisationId: Id.optional(),
  departmentName: text(40).optional(),
});
export type RequestUnitInput = z.infer<typeof RequestUnitInput>;

export const RequestUnitView = z.object({
  kind: RequestUnitKindCore,
  areaCode: z.string(),
  organisationId: Id.nullable(),
  departmentName: z.string().nullable(),
  label: z.string(),
});
export type RequestUnitView = z.infer<typeof RequestUnitView>;

/** Answers to the category's form questions, by question code (checked against the category version's questions). */
export const RequestAttributes = z.record(
  z.string().max(60),
  z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)]),
);
export type RequestAttributes = z.infer<typeof RequestAttributes>;

const PhotoUploadIds = z.array(Id).max(6);

/** Staff entering a request on a resident's behalf (walk-in, phone, or from the home-visit drawer with clientId). */
export const RequestStaffIntakeInput = z
  .object({
    channel: z.enum(STAFF_INTAKE_CHANNELS),
    communityCode: AreaCode,
    categoryId: Id,
    attributes: RequestAttributes.default({}),
    description: text(2000),
    requesterName: PersonName.optional(),
    requesterPhone: MobileInput.optional(),
    clientId: Id.optional(),
    placeId: Id.optional(),
    addressString: text(200).optional(),
    photoUploadIds: PhotoUploadIds.optional(),
    urgency: RequestUrgency.optional(),
  })
  .refine((v) => v.channel !== 'visit' || v.clientId, { path: ['clientId'], message: 'field.required' });
export type RequestStaffIntakeInput = z.infer<typeof RequestStaffIntakeInput>;

/** A resident filing on /m: the community, name and phone come from their account. */
export const RequestFileInput = z.object({
  categoryId: Id,
  attributes: RequestAttributes.default({}),
  description: text(2000),
  placeId: Id.optional(),
  photoUploadIds: PhotoUploadIds.optional(),
});
export type RequestFileInput = z.infer<typeof RequestFileInput>;

export const RequestIntakeResult = z.object({
  id: Id,
  number: z.string(),
  status: RequestStatus,
  dueAt: IsoDateTime.nullable(),
});
export type RequestIntakeResult = z.infer<typeof RequestIntakeResult>;

/** Triage corrections; each field optional (a new category pins its current version). */
export const RequestTriageInput = z.object({
  categoryId: Id.optional(),
  attributes: RequestAttributes.optional(),
  urgency: RequestUrgency.optional(),
  /** The moderated text the public may see (no names, phone numbers or house numbers); null clears it. */
  publicText: text(500).nullable().optional(),
});
export type RequestTriageInput = z.infer<typeof RequestTriageInput>;

/** Route to a unit: omitted → the catalogue's routing for the community and category. */
export const RequestRouteInput = z.object({ unit: RequestUnitInput.optional() });
export const RequestMergeInput = z.object({ intoId: Id, reason: text(200).optional() });
export const RequestRejectInput = z.object({ reason: text(500) });
export const RequestTransferInput = z.object({ unit: RequestUnitInput, reason: text(500) });
export const RequestNoteInput = z.object({ note: text(2000), photoUploadIds: PhotoUploadIds.optional() });
export const RequestResolveInput = z.object({ reply: text(2000), photoUploadIds: PhotoUploadIds.optional() });
export const RequestRatingInput = z.object({ rating: RequestRatingChoice, comment: text(500).optional() });
export type RequestRatingInput = z.infer<typeof RequestRatingInput>;

export const REQUEST_ACTIONS = [
  'triage',
  'route',
  'merge',
  'reject',
  'sign',
  'transfer',
  'note',
  'resolve',
  'reveal',
] as const;
export const RequestAction = z.enum(REQUEST_ACTIONS);
export type RequestAction = z.infer<typeof RequestAction>;

export const REQUEST_EVENT_KINDS = [
  'created',
  'triaged',
  'routed',
  'signed',
  'transferred',
  'note',
  'resolved',
  'rated',
  'reopened',
  'closed',
  'escalated',
  'rejected',
  'merged',
  'reminded',
] as const;
export const RequestEventKind = z.enum(REQUEST_EVENT_KINDS);

export const RequestEvent = z.object({
  id: Id,
  kind: RequestEventKind,
  actorName: z.string().nullable(),
  at: IsoDateTime,
  /** Codes and values of the step (fields changed, reason, note, unit label, rating); never the requester's contact. */
  detail: z.record(z.string(), z.unknown()),
  photoIds: z.array(Id),
});
export type RequestEvent = z.infer<typeof RequestEvent>;

export const RequestPhoto = z.object({
  id: Id,
  stage: z.enum(['intake', 'handling', 'resolution']),
  width: z.number().int(),
  height: z.number().int(),
  createdAt: IsoDateTime,
});
export type RequestPhoto = z.infer<typeof RequestPhoto>;

export const RequestCategoryRef = z.object({ id: Id, code: z.string(), name: z.string(), version: z.number().int() });

export const RequestSummary = z.object({
  id: Id,
  number: z.string(),
  areaCode: z.string(),
  communityName: z.string().nullable(),
  channel: RequestChannel,
  category: RequestCategoryRef,
  status: RequestStatus,
  urgency: RequestUrgency,
  /** The moderated text, or else the start of the requester's words (staff only). */
  excerpt: z.string(),
  unit: RequestUnitView.nullable(),
  signDueAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  overdue: z.boolean(),
  createdAt: IsoDateTime,
});
export type RequestSummary = z.infer<typeof RequestSummary>;
export const RequestList = Paged(RequestSummary);
export type RequestList = z.infer<typeof RequestList>;

export const RequestListQuery = PageQuery.extend({
  status: RequestStatus.optional(),
  categoryId: Id.optional(),
  unitKind: RequestUnitKindCore.optional(),
  unitAreaCode: AreaCode.optional(),
  unitOrganisationId: Id.optional(),
  urgency: RequestUrgency.optional(),
  communityCode: AreaCode.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(60).optional(),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

export const RequestDetail = RequestSummary.extend({
  attributes: z.record(z.string(), z.unknown()),
  description: z.string(),
  publicText: z.string().nullable(),
  /** Masked unless revealed (requests.contact.reveal, audited). */
  requester: z.object({ nameMasked: z.string().nullable(), phoneMasked: z.string().nullable() }),
  clientId: Id.nullable(),
  place: z.object({ id: Id, name: z.string() }).nullable(),
  addressString: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  routedAt: IsoDateTime.nullable(),
  signedAt: IsoDateTime.nullable(),
  resolvedAt: IsoDateTime.nullable(),
  reply: z.string().nullable(),
  rating: RequestRating.nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: IsoDateTime.nullable(),
  reopenCount: z.number().int(),
  escalatedAt: IsoDateTime.nullable(),
  mergedIntoId: Id.nullable(),
  rejectReason: z.string().nullable(),
  externalRef: z.string().nullable(),
  updatedAt: IsoDateTime,
  version: z.number().int(),
  events: z.array(RequestEvent),
  photos: z.array(RequestPhoto),
  allowedActions: z.array(RequestAction),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export const RequestContact = z.object({ name: z.string().nullable(), phone: z.string().nullable() });
export type RequestContact = z.infer<typeof RequestContact>;

export const RequestDuplicates = z.object({ items: z.array(RequestSummary) });

/** What the requester sees of their own request on /m (no staff names, no internal notes). */
export const ResidentRequest = z.object({
  id: Id,
  number: z.string(),
  category: z.object({ id: Id, name: z.string() }),
  status: RequestStatus,
  description: z.string(),
  place: z.object({ id: Id, name: z.string() }).nullable(),
  unitLabel: z.string().nullable(),
  dueAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  resolvedAt: IsoDateTime.nullable(),
  reply: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rating: RequestRating.nullable(),
  ratingComment: z.string().nullable(),
  /** Set while the requester may still rate (resolved, within 7 days). */
  rateUntil: IsoDateTime.nullable(),
  canRate: z.boolean(),
  photos: z.array(RequestPhoto),
  /** The steps the requester is told about: created, routed, signed, resolved, rated, reopened, closed, rejected, merged. */
  events: z.array(RequestEvent.omit({ actorName: true })),
});
export type ResidentRequest = z.infer<typeof ResidentRequest>;
export const ResidentRequestSummary = ResidentRequest.pick({
  id: true,
  number: true,
  category: true,
  status: true,
  createdAt: true,
  resolvedAt: true,
  rating: true,
  canRate: true,
});
export const ResidentRequestList = Paged(ResidentRequestSummary);
export type ResidentRequestList = z.infer<typeof ResidentRequestList>;

/** The public view (Open311 GET, the wish wall's neighbour): category, status, community, moderated text, dates. */
export const PublicRequestView = z.object({
  id: Id,
  number: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  status: RequestStatus,
  communityCode: z.string(),
  communityName: z.string().nullable(),
  publicText: z.string().nullable(),
  unitLabel: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  dueAt: IsoDateTime.nullable(),
  resolvedAt: IsoDateTime.nullable(),
});
export type PublicRequestView = z.infer<typeof PublicRequestView>;

/** The answer to a workflow step: reload the detail (after a transfer the unit may no longer see the request). */
export const RequestStepResult = z.object({ id: Id, status: RequestStatus, version: z.number().int() });
export type RequestStepResult = z.infer<typeof RequestStepResult>;

/** The active categories of a resident's district (their current versions), for the /m filing form. */
export const ResidentCategoryList = z.object({
  items: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      group: z.string(),
      description: z.string().nullable(),
      questions: z.array(CategoryQuestion),
    }),
  ),
});
export type ResidentCategoryList = z.infer<typeof ResidentCategoryList>;
