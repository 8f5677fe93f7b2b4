import { and, count, desc, eq } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { requestsItems } from './requests.tables';

export type RequestsItemRow = typeof requestsItems.$inferSelect;

export async function listRequestsItems(db: DbOrTx, filter: { prefixes: readonly string[]; areaCode?: string | undefined; page: number; pageSize: number }) {
  const where = and(inScope(requestsItems.areaCode, filter.prefixes), filter.areaCode ? eq(requestsItems.areaCode, filter.areaCode) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(requestsItems).where(where).orderBy(desc(requestsItems.createdAt), desc(requestsItems.id))
      .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(requestsItems).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findRequestsItem(db: DbOrTx, id: string): Promise<RequestsItemRow | null> {
  const [row] = await db.select().from(requestsItems).where(eq(requestsItems.id, id));
  return row ?? null;
}

export function insertRequestsItem(db: DbOrTx, row: typeof requestsItems.$inferInsert) {
  return db.insert(requestsItems).values(row);
}
