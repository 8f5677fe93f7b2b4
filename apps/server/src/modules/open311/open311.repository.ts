import { and, count, desc, eq } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { open311Items } from './open311.tables';

export type Open311ItemRow = typeof open311Items.$inferSelect;

export async function listOpen311Items(db: DbOrTx, filter: { prefixes: readonly string[]; areaCode?: string | undefined; page: number; pageSize: number }) {
  const where = and(inScope(open311Items.areaCode, filter.prefixes), filter.areaCode ? eq(open311Items.areaCode, filter.areaCode) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(open311Items).where(where).orderBy(desc(open311Items.createdAt), desc(open311Items.id))
      .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(open311Items).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findOpen311Item(db: DbOrTx, id: string): Promise<Open311ItemRow | null> {
  const [row] = await db.select().from(open311Items).where(eq(open311Items.id, id));
  return row ?? null;
}

export function insertOpen311Item(db: DbOrTx, row: typeof open311Items.$inferInsert) {
  return db.insert(open311Items).values(row);
}
