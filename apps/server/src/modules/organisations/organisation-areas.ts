import { type Actor, codeInPrefixes } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findAreas } from '../org';
import { organisationsPolicy } from './organisations.policy';

/**
 * Checks the holding area (an active community or street the actor may write in) and the service areas (active areas
 * inside the actor's jurisdiction, or the street above the holding community). A code that fails answers exactly like
 * one that does not exist (body scope). Returns the service area codes, sorted and without repeats.
 */
export async function checkAreas(db: DbOrTx, actor: Actor, holding: string, served: string[]): Promise<string[]> {
  const codes = [...new Set(served)].sort();
  const rows = await findAreas(db, [holding, ...codes]);
  const active = new Map(rows.filter((r) => r.status === 'active').map((r) => [r.code, r]));
  const home = active.get(holding);
  if (
    !home ||
    (home.level !== 'community' && home.level !== 'street') ||
    !organisationsPolicy.canWriteIn(actor, holding)
  ) {
    throw new AppError('area.not_found', [{ path: 'areaCode', code: 'area.unknown', params: { code: holding } }]);
  }
  const streetAbove = `${holding.slice(0, 9)}000`;
  codes.forEach((code, i) => {
    const area = active.get(code);
    const allowed =
      area && area.level !== 'grid' && (codeInPrefixes(code, actor.scopePrefixes) || code === streetAbove);
    if (!allowed) {
      throw new AppError('area.not_found', [{ path: `serviceAreaCodes.${i}`, code: 'area.unknown', params: { code } }]);
    }
  });
  return codes;
}
