import type { GeoRequest } from '@linli/contracts/modules/open311';
import type { PublicRequestView } from '@linli/contracts/modules/requests';
import type { GeoRequestRow } from './georeport.repository';

/** The standard knows two statuses; the request's own one is in status_notes (docs/open311.md). */
export const OPEN_STATUSES = ['submitted', 'assigned', 'in_progress'] as const;
export const CLOSED_STATUSES = ['resolved', 'closed', 'rejected', 'merged'] as const;

const STATUS_NOTES: Record<GeoRequestRow['status'], string> = {
  submitted: '待分拣 (submitted, awaiting triage)',
  assigned: '已派单 (assigned to the responsible unit)',
  in_progress: '处理中 (signed for, in progress)',
  resolved: '已办结 (resolved, awaiting the requester’s rating)',
  closed: '已评价 (closed)',
  rejected: '已驳回 (rejected)',
  merged: '已合并 (merged into another request)',
};

/** W3C date-time in China time (`2026-03-02T09:00:00+08:00`), as the standard's examples write local times. */
export function w3c(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/**
 * A request as the standard's GET shows it, built only from the requests module's public view (publicRequestView:
 * category, status, community, the moderated text — null until triage wrote it —, unit and dates). So never the
 * requester's name, phone, words, form answers, place or point: `address` is the community's name and
 * `lat`/`long`, `media_url` stay empty.
 */
export function toGeoRequest(view: PublicRequestView): GeoRequest {
  return {
    service_request_id: view.number,
    status: (OPEN_STATUSES as readonly string[]).includes(view.status) ? 'open' : 'closed',
    status_notes: STATUS_NOTES[view.status],
    service_name: view.categoryName,
    service_code: view.categoryCode,
    description: view.publicText,
    agency_responsible: view.unitLabel,
    service_notice: null,
    requested_datetime: w3c(new Date(view.createdAt)),
    updated_datetime: w3c(new Date(view.updatedAt)),
    expected_datetime: view.dueAt ? w3c(new Date(view.dueAt)) : null,
    address: view.communityName,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}
