import type { RoutingUnit } from '@linli/contracts/modules/requests';
import { scopePrefix } from '../../../platform/access';
import type { AppContext } from '../../../platform/context';
import type { DbOrTx } from '../../../platform/db';
import { findOrganisationInScope } from '../../organisations';
import { findAreas } from '../../org';
import { candidateRules } from './catalogue.repository';
import type { RoutingRuleRow } from './catalogue.tables';

/** The street and district codes above a community (statistical codes: 9 + 000, 6 + 000000). */
export function streetOf(code: string): string {
  return `${code.slice(0, 9)}000`;
}
export function districtOf(code: string): string {
  return `${code.slice(0, 6)}000000`;
}

/** How specific a rule's area is: a community's rule beats its street's, which beats the district's. */
function depth(areaCode: string): number {
  return scopePrefix(areaCode).length;
}

/**
 * The order rules are tried in for one request: a rule naming the category beats a rule for every category (a
 * deliberate choice for that category), and among those the most specific area wins (community, street, district).
 */
export function byPrecedence(a: RoutingRuleRow, b: RoutingRuleRow): number {
  const named = Number(b.categoryId !== null) - Number(a.categoryId !== null);
  return named !== 0 ? named : depth(b.areaCode) - depth(a.areaCode);
}

async function areaNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  const rows = await findAreas(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The partner of an organisation rule when it is active and serves the community (held in it, or serving it or an
 * area above it); the lookup answers for a jurisdiction, here the community's. The context is not used when a
 * database handle is given.
 */
export async function servingOrganisation(db: DbOrTx, organisationId: string, areaCode: string) {
  const found = await findOrganisationInScope(
    null as unknown as AppContext,
    db,
    { scopePrefixes: [scopePrefix(areaCode)] },
    organisationId,
  );
  return found && found.status === 'active' ? found : null;
}

/** The unit a rule names for a request in `communityCode`, or null when the rule cannot serve it any more. */
async function unitOfRule(db: DbOrTx, rule: RoutingRuleRow, communityCode: string): Promise<RoutingUnit | null> {
  const base = { organisationId: null, departmentName: null };
  switch (rule.unitKind) {
    case 'community': {
      const code = rule.unitAreaCode ?? communityCode;
      const names = await areaNames(db, [code]);
      return { ...base, kind: 'community', areaCode: code, label: names.get(code) ?? code };
    }
    case 'grid': {
      // A grid belongs to one community: a street-wide grid rule applies to that community's requests only.
      const grid = rule.unitAreaCode!;
      if (!grid.startsWith(communityCode)) return null;
      const names = await areaNames(db, [grid, communityCode]);
      return {
        ...base,
        kind: 'grid',
        areaCode: grid,
        label: `${names.get(communityCode) ?? ''}${names.get(grid) ?? grid}`,
      };
    }
    case 'street_department': {
      const street = rule.unitAreaCode ?? streetOf(communityCode);
      const names = await areaNames(db, [street]);
      const label = `${names.get(street) ?? street}${rule.departmentName ?? ''}`;
      return { ...base, kind: 'street_department', areaCode: street, departmentName: rule.departmentName, label };
    }
    case 'organisation': {
      const partner = await servingOrganisation(db, rule.organisationId!, communityCode);
      if (!partner) return null;
      return {
        ...base,
        kind: 'organisation',
        areaCode: partner.areaCode,
        organisationId: partner.id,
        label: partner.name,
      };
    }
  }
}

/** The community itself: what a request goes to when no rule applies. */
export async function communityUnit(db: DbOrTx, communityCode: string): Promise<RoutingUnit> {
  const names = await areaNames(db, [communityCode]);
  return {
    kind: 'community',
    areaCode: communityCode,
    organisationId: null,
    departmentName: null,
    label: names.get(communityCode) ?? communityCode,
  };
}

/** Where a request of the category in the community goes, and the rule that decided it (null: no rule). */
export async function resolveWithRule(
  db: DbOrTx,
  communityCode: string,
  categoryId: string,
): Promise<{ unit: RoutingUnit; ruleId: string | null }> {
  const rules = await candidateRules(
    db,
    [communityCode, streetOf(communityCode), districtOf(communityCode)],
    categoryId,
  );
  for (const rule of rules.sort(byPrecedence)) {
    // One after the other: a transaction runs one query at a time.
    const unit = await unitOfRule(db, rule, communityCode);
    if (unit) return { unit, ruleId: rule.id };
  }
  return { unit: await communityUnit(db, communityCode), ruleId: null };
}

/**
 * The name of the unit each rule names for the rules table: the area's or the partner's name; null for a rule that
 * names "the request's own" community or street (the web says so), and for a partner that no longer serves the area.
 */
export async function ruleUnitNames(db: DbOrTx, rules: RoutingRuleRow[]): Promise<Map<string, string | null>> {
  const codes = rules.flatMap((r) => (r.unitAreaCode ? [r.unitAreaCode, r.unitAreaCode.slice(0, 12)] : []));
  const names = await areaNames(db, codes);
  const labels = new Map<string, string | null>();
  for (const rule of rules) {
    const code = rule.unitAreaCode;
    if (rule.unitKind === 'organisation') {
      const partner = await servingOrganisation(db, rule.organisationId!, rule.areaCode);
      labels.set(rule.id, partner?.name ?? null);
    } else if (!code) {
      labels.set(rule.id, null);
    } else if (rule.unitKind === 'grid') {
      labels.set(rule.id, `${names.get(code.slice(0, 12)) ?? ''}${names.get(code) ?? code}`);
    } else {
      labels.set(rule.id, names.get(code) ?? code);
    }
  }
  return labels;
}
