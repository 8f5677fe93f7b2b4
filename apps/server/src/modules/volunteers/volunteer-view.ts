import type {
  Correction,
  Membership,
  RecordEntry,
  Team,
  TeamColour,
  Volunteer,
  VolunteerStatus,
} from '@linli/contracts/modules/volunteers';
import type { Actor } from '../../platform/access';
import { volunteerActions, volunteersPolicy } from './volunteers.policy';
import type { CorrectionRow, MemberRow, RecordEntryRow, TeamRow, VolunteerRow } from './volunteers.repository';

/** How rows become what the API answers: numbers and contacts only ever in their masked copies. */
export function toVolunteer(actor: Actor | null, row: VolunteerRow): Volunteer {
  return {
    id: row.id,
    areaCode: row.areaCode,
    userId: row.userId,
    status: row.status as VolunteerStatus,
    name: row.name,
    nameMasked: row.nameMasked,
    idType: row.idType as Volunteer['idType'],
    idNumberMasked: row.idNumberMasked,
    gender: row.gender as Volunteer['gender'],
    birthDate: row.birthDate,
    skills: row.skills as Volunteer['skills'],
    availability: row.availability as Volunteer['availability'],
    emergencyNameMasked: row.emergencyNameMasked,
    emergencyPhoneMasked: row.emergencyPhoneMasked,
    consentVersion: row.consentVersion,
    consentedAt: row.consentedAt.toISOString(),
    statusReason: row.statusReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    allowedActions: actor ? volunteerActions(actor, row) : [],
  };
}

export function toMembership(
  member: MemberRow,
  team: TeamRow,
  volunteer: Pick<VolunteerRow, 'nameMasked'>,
): Membership {
  return {
    id: member.id,
    teamId: team.id,
    teamName: team.name,
    teamColour: team.colour as TeamColour,
    volunteerId: member.volunteerId,
    volunteerName: volunteer.nameMasked,
    role: member.role as Membership['role'],
    status: member.status as Membership['status'],
    joinedOn: member.joinedOn,
    leftOn: member.leftOn,
    requestedAt: member.requestedAt.toISOString(),
  };
}

export function toRecordEntry(row: RecordEntryRow): RecordEntry {
  return {
    id: row.id,
    kind: row.kind as RecordEntry['kind'],
    onDate: row.onDate,
    title: row.title,
    byWhom: row.byWhom,
    minutes: row.minutes,
    rating: row.rating,
    detail: row.detail,
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toCorrection(row: CorrectionRow, volunteer: Pick<VolunteerRow, 'nameMasked'>): Correction {
  return {
    id: row.id,
    volunteerId: row.volunteerId,
    volunteerName: volunteer.nameMasked,
    part: row.part as Correction['part'],
    entryId: row.entryId,
    requestText: row.requestText,
    status: row.status as Correction['status'],
    answerText: row.answerText,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A team as the API answers it; `organisations` holds the register's names by id (organisationNames()). */
export function toTeam(actor: Actor, row: TeamRow, memberCount: number, organisations: Map<string, string>): Team {
  return {
    id: row.id,
    areaCode: row.areaCode,
    name: row.name,
    colour: row.colour as TeamColour,
    description: row.description,
    organisationId: row.organisationId,
    organisationName: row.organisationId ? (organisations.get(row.organisationId) ?? null) : null,
    status: row.status as Team['status'],
    memberCount,
    createdAt: row.createdAt.toISOString(),
    allowedActions: volunteersPolicy.canManage(actor, row.areaCode) ? ['update', 'members'] : [],
  };
}
