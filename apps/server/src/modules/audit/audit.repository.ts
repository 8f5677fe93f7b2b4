import { and, count, desc, eq, gte, ilike, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { auditLog } from '../../platform/audit.tables';

export interface AuditFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  result?: 'success' | 'failure' | 'denied' | undefined;
  objectId?: string | undefined;
  page: number;
  pageSize: number;
}

export async function searchAudit(db: DbOrTx, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  if (filter.actor) conditions.push(ilike(auditLog.actorName, `%${filter.actor.replace(/[\\%_]/g, '\\$&')}%`));
  if (filter.action) conditions.push(ilike(auditLog.action, `${filter.action.replace(/[\\%_]/g, '\\$&')}%`));
  if (filter.result) conditions.push(eq(auditLog.result, filter.result));
  if (filter.objectId) conditions.push(sql`${filter.objectId} = ANY(${auditLog.objectIds})`);
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}
