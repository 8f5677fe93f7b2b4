import { and, count, desc, eq } from 'drizzle-orm';
import { inScope } from '../../platform/access';
import type { DbOrTx } from '../../platform/db';
import { areas } from '../org';
import { notices } from './residents.tables';

export type NoticeRow = typeof notices.$inferSelect & { areaName: string | null };

const columns = {
  id: notices.id,
  areaCode: notices.areaCode,
  title: notices.title,
  body: notices.body,
  status: notices.status,
  publishedAt: notices.publishedAt,
  createdBy: notices.createdBy,
  createdAt: notices.createdAt,
  updatedAt: notices.updatedAt,
  areaName: areas.name,
};

export async function findNotice(db: DbOrTx, id: string): Promise<NoticeRow | null> {
  const [row] = await db
    .select(columns)
    .from(notices)
    .leftJoin(areas, eq(areas.code, notices.areaCode))
    .where(eq(notices.id, id));
  return row ?? null;
}

export async function listNotices(
  db: DbOrTx,
  filter: {
    prefixes: readonly string[];
    areaCode?: string | undefined;
    status?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where = and(
    inScope(notices.areaCode, filter.prefixes),
    filter.areaCode ? eq(notices.areaCode, filter.areaCode) : undefined,
    filter.status ? eq(notices.status, filter.status as 'draft') : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(columns)
      .from(notices)
      .leftJoin(areas, eq(areas.code, notices.areaCode))
      .where(where)
      .orderBy(desc(notices.createdAt), desc(notices.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(notices).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The published notices of one community, newest first (what its residents read). */
export async function publishedNotices(db: DbOrTx, areaCode: string, page: number, pageSize: number) {
  const where = and(eq(notices.areaCode, areaCode), eq(notices.status, 'published'));
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: notices.id, title: notices.title, body: notices.body, publishedAt: notices.publishedAt })
      .from(notices)
      .where(where)
      .orderBy(desc(notices.publishedAt), desc(notices.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(notices).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export function insertNotice(db: DbOrTx, row: typeof notices.$inferInsert) {
  return db.insert(notices).values(row);
}

export function updateNotice(db: DbOrTx, id: string, patch: Partial<typeof notices.$inferInsert>) {
  return db.update(notices).set(patch).where(eq(notices.id, id));
}
