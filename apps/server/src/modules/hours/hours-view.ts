import type { Certificate, HourClaim, HourEntry } from '@linli/contracts/modules/hours';
import type { HourCertificateRow, HourClaimRow, HourEntryRow } from './hours.repository';

type EntryView = Omit<HourEntry, 'allowedActions' | 'volunteerName'>;
type ClaimView = Omit<HourClaim, 'allowedActions' | 'volunteerName'>;

export function entryView(row: HourEntryRow, reversed: boolean): EntryView {
  return {
    id: row.id,
    areaCode: row.areaCode,
    volunteerId: row.volunteerId,
    minutes: row.minutes,
    source: row.source,
    activityId: row.activityId,
    serviceDate: row.serviceDate,
    content: row.content,
    activityType: row.activityType,
    organiserName: row.organiserName,
    reversesEntryId: row.reversesEntryId,
    reversed,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}

export function claimView(row: HourClaimRow): ClaimView {
  return {
    id: row.id,
    areaCode: row.areaCode,
    volunteerId: row.volunteerId,
    serviceDate: row.serviceDate,
    minutes: row.minutes,
    content: row.content,
    place: row.place,
    organiserName: row.organiserName,
    activityType: row.activityType,
    status: row.status,
    decisionNote: row.decisionNote,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    entryId: row.entryId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function certificateView(row: HourCertificateRow): Omit<Certificate, 'allowedActions'> {
  return {
    id: row.id,
    areaCode: row.areaCode,
    volunteerId: row.volunteerId,
    number: row.number,
    maskedName: row.maskedName,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    totalMinutes: row.totalMinutes,
    entryCount: row.entryCount,
    issuerName: row.issuerName,
    status: row.status,
    issuedAt: row.issuedAt.toISOString(),
  };
}

/** Minutes as hours with two decimals ("12.50"). */
export function hoursText(minutes: number): string {
  return (minutes / 60).toFixed(2);
}
