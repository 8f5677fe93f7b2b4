import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db';
import { maskName } from '../../../platform/masking';
import { clients } from './clients.tables';

/**
 * Clients' names by id, masked (张**), for the audit log: the audit administrator holds no care permission, so it
 * sees who a row is about only as the masked lists show it (R-08, 三员分立).
 */
export async function maskedClientNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: clients.id, name: clients.name }).from(clients).where(inArray(clients.id, ids));
  return new Map(rows.map((r) => [r.id, maskName(r.name) ?? '']));
}
