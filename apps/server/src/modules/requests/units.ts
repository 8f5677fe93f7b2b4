import { and, eq } from 'drizzle-orm';
import type { RequestUnitInput } from '@linli/contracts/modules/requests';
import type { Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findArea } from '../org';
import { findOrganisationInScope } from '../organisations';
import { users } from '../users';
import type { RequestActor } from './requests.policy';

/** A responsible unit as stored on a request (the catalogue's resolveUnit returns the same shape). */
export interface Unit {
  kind: 'community' | 'grid' | 'street_department' | 'organisation';
  areaCode: string;
  organisationId: string | null;
  departmentName: string | null;
  label: string;
}

/** The street of a community: statistical codes pad it with zeros (510107001001 → 510107001000). */
export function streetOf(communityCode: string): string {
  return `${communityCode.slice(0, 9)}000`;
}

const refused = () => new AppError('requests.invalid_input', [{ path: 'unit', code: 'field.invalid_value' }]);

/**
 * A unit a triager or a transfer names, checked against the request's community: the community itself, one of its
 * grids, a department of its street, or an active partner organisation held or serving inside its street. Anything
 * else — another district's area or organisation included — is refused with the answer a missing one gets.
 */
export async function unitFromInput(
  ctx: AppContext,
  tx: DbOrTx,
  communityCode: string,
  input: RequestUnitInput,
): Promise<Unit> {
  if (input.kind === 'organisation') {
    if (!input.organisationId) throw refused();
    const org = await findOrganisationInScope(
      ctx,
      tx,
      { scopePrefixes: [communityCode.slice(0, 9)] },
      input.organisationId,
    );
    if (!org || org.status !== 'active') throw refused();
    return {
      kind: 'organisation',
      areaCode: org.areaCode,
      organisationId: org.id,
      departmentName: null,
      label: org.name,
    };
  }
  const code =
    input.kind === 'community'
      ? (input.areaCode ?? communityCode)
      : input.kind === 'street_department'
        ? (input.areaCode ?? streetOf(communityCode))
        : input.areaCode;
  if (!code) throw refused();
  const fits =
    input.kind === 'community'
      ? code === communityCode
      : input.kind === 'grid'
        ? code.length === 15 && code.startsWith(communityCode)
        : code === streetOf(communityCode) && !!input.departmentName;
  const area = fits ? await findArea(tx, code) : null;
  if (!area || area.status !== 'active') throw refused();
  const department = input.kind === 'street_department' ? input.departmentName! : null;
  return {
    kind: input.kind,
    areaCode: code,
    organisationId: null,
    departmentName: department,
    label: department ? `${area.name}${department}` : area.name,
  };
}

export function unitColumns(unit: Unit) {
  return {
    unitKind: unit.kind,
    unitAreaCode: unit.areaCode,
    unitOrganisationId: unit.organisationId,
    unitDepartment: unit.departmentName,
    unitLabel: unit.label,
  };
}

/** The organisation on a partner member's account, read at each request (null for staff). */
export async function requestActor(db: DbOrTx, actor: Actor): Promise<RequestActor> {
  const partner = actor.roles.includes('partner_member');
  if (!partner) return { actor, organisationId: null, partner };
  const [row] = await db
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.status, 'active')));
  return { actor, organisationId: row?.organisationId ?? null, partner };
}
