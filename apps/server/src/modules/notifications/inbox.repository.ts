import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { notificationPreferences, notifications } from './notifications.tables';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotifications(db: DbOrTx, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(notifications).values(rows);
}

/** The user's own notifications, newest first. */
export async function listOwn(db: DbOrTx, userId: string, filter: { unread: boolean; page: number; pageSize: number }) {
  const where = and(eq(notifications.userId, userId), filter.unread ? isNull(notifications.readAt) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function findOwn(db: DbOrTx, userId: string, id: string): Promise<NotificationRow | null> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row ?? null;
}

/** Marks the user's unread notifications read (one, or all when `id` is omitted); returns the ids it marked. */
export async function markRead(db: DbOrTx, userId: string, now: Date, id?: string): Promise<string[]> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(eq(notifications.userId, userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

export async function preferencesOf(
  db: DbOrTx,
  userIds: readonly string[],
  events?: readonly string[],
): Promise<{ userId: string; event: string; channels: string[] }[]> {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: notificationPreferences.userId,
      event: notificationPreferences.event,
      channels: notificationPreferences.channels,
    })
    .from(notificationPreferences)
    .where(
      and(
        inArray(notificationPreferences.userId, [...userIds]),
        events ? inArray(notificationPreferences.event, [...events]) : undefined,
      ),
    );
}

export async function upsertPreference(
  db: DbOrTx,
  row: { userId: string; event: string; channels: string[]; updatedAt: Date },
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values(row)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.event],
      set: { channels: row.channels, updatedAt: row.updatedAt },
    });
}
