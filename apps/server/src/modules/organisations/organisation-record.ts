import { randomUUID } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import {
  type ContactInput,
  type OrganisationEvent,
  type OrganisationSummary,
  ratingExpiresOn,
} from '@linli/contracts/modules/organisations';
import type { AppContext } from '../../platform/context';
import { maskName, maskPhone } from '../../platform/masking';
import type { ContactRow, OrganisationEventRow, OrganisationInsert, OrganisationRow } from './organisations.repository';

/** Pinyin keys of an organisation's name (full pinyin and initials, lower case; other characters dropped). */
export function nameKeys(name: string): { namePinyin: string; nameInitials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }) as string[];
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
  return { namePinyin: clean.join(''), nameInitials: clean.map((s) => s[0]).join('') };
}

/** The columns the register's form sets (everything but identity, status and bookkeeping). */
export type RegisterFields = Pick<
  OrganisationInsert,
  | 'kind'
  | 'subtype'
  | 'name'
  | 'uscc'
  | 'registrationAuthority'
  | 'registeredOn'
  | 'address'
  | 'serviceFields'
  | 'rating'
  | 'ratedOn'
  | 'expertField'
  | 'expertQualification'
  | 'notes'
>;
const TRACKED: (keyof RegisterFields)[] = [
  'kind',
  'subtype',
  'name',
  'uscc',
  'registrationAuthority',
  'registeredOn',
  'address',
  'serviceFields',
  'rating',
  'ratedOn',
  'expertField',
  'expertQualification',
  'notes',
];

type FieldsInput = { [K in keyof RegisterFields]?: RegisterFields[K] | undefined } & Pick<
  RegisterFields,
  'kind' | 'name'
>;

export function registerFields(input: FieldsInput): RegisterFields & { namePinyin: string; nameInitials: string } {
  return {
    kind: input.kind,
    subtype: input.subtype ?? null,
    name: input.name,
    ...nameKeys(input.name),
    uscc: input.uscc ?? null,
    registrationAuthority: input.registrationAuthority ?? null,
    registeredOn: input.registeredOn ?? null,
    address: input.address ?? null,
    serviceFields: input.serviceFields ?? [],
    rating: input.rating ?? null,
    ratedOn: input.rating ? (input.ratedOn ?? null) : null,
    expertField: input.expertField ?? null,
    expertQualification: input.expertQualification ?? null,
    notes: input.notes ?? null,
  };
}

/** The contact rows to store: new ones encrypted; a kept one (id given, no phone) keeps its stored number. */
export function contactRows(
  ctx: AppContext,
  org: { id: string; areaCode: string },
  inputs: ContactInput[],
  existing: ContactRow[],
): ContactRow[] {
  return inputs.map((c, position) => {
    const before = c.id ? existing.find((e) => e.id === c.id) : undefined;
    const keepPhone = before && c.phone === undefined;
    return {
      id: before?.id ?? randomUUID(),
      organisationId: org.id,
      areaCode: org.areaCode,
      position,
      nameEnc: c.name || !before ? ctx.cipher.encrypt(c.name ?? '') : before.nameEnc,
      nameMasked: c.name || !before ? (maskName(c.name) ?? '') : before.nameMasked,
      role: c.role ?? null,
      phoneEnc: keepPhone ? before.phoneEnc : c.phone ? ctx.cipher.encrypt(c.phone) : null,
      phoneMasked: keepPhone ? before.phoneMasked : maskPhone(c.phone ?? null),
    };
  });
}

export function contactsChanged(ctx: AppContext, before: ContactRow[], after: ContactRow[]): boolean {
  if (before.length !== after.length) return true;
  const plain = (r: ContactRow) => [
    ctx.cipher.decrypt(r.nameEnc),
    r.role,
    r.phoneEnc && ctx.cipher.decrypt(r.phoneEnc),
  ];
  return before.some((b, i) => JSON.stringify(plain(b)) !== JSON.stringify(plain(after[i]!)));
}

/** The register fields that differ, with before/after values (contacts are named, never shown: personal data). */
export function diffFields(before: OrganisationRow, after: RegisterFields, contacts: boolean, serviceAreas: boolean) {
  const changes = TRACKED.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)).map(
    (field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }),
  );
  const fields = [
    ...changes.map((c) => c.field),
    ...(serviceAreas ? ['serviceAreaCodes'] : []),
    ...(contacts ? ['contacts'] : []),
  ];
  return { fields, changes };
}

export function eventRow(
  org: { id: string; areaCode: string },
  kind: OrganisationEventRow['kind'],
  detail: Record<string, unknown>,
  actorId: string | null,
  at: Date,
): OrganisationEventRow {
  return { id: randomUUID(), organisationId: org.id, areaCode: org.areaCode, kind, detail, actorId, at };
}

export function toEvent(row: OrganisationEventRow, actorName: string | null): OrganisationEvent {
  const detail = row.detail as { fields?: string[]; changes?: OrganisationEvent['changes'] };
  return {
    id: row.id,
    kind: row.kind,
    fields: detail.fields ?? [],
    changes: detail.changes ?? [],
    actorName,
    at: row.at.toISOString(),
  };
}

export function toSummary(
  row: OrganisationRow,
  serviceAreaCodes: string[],
  areaName: string | null,
  today: string,
): OrganisationSummary {
  const expires = row.rating && row.ratedOn ? ratingExpiresOn(row.ratedOn) : null;
  return {
    id: row.id,
    areaCode: row.areaCode,
    areaName,
    kind: row.kind,
    subtype: row.subtype,
    name: row.name,
    uscc: row.uscc,
    serviceFields: row.serviceFields as OrganisationSummary['serviceFields'],
    serviceAreaCodes,
    rating: row.rating,
    ratedOn: row.ratedOn,
    ratingExpiresOn: expires,
    ratingExpired: expires !== null && today > expires,
    expertField: row.expertField,
    expertQualification: row.expertQualification,
    status: row.status,
  };
}
