import { type SQL, and, asc, count, desc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { inScope, scopePrefix } from '../../platform/access';
import { lockByKey } from '../../platform/colocated';
import { type DbOrTx, queryRows } from '../../platform/db';
import { hourCertificates, hourClaims, hourEntries, hourIssuers, hourStarEvents, hourStarRules } from './hours.tables';

export type HourEntryRow = typeof hourEntries.$inferSelect;
export type HourClaimRow = typeof hourClaims.$inferSelect;
export type HourStarEventRow = typeof hourStarEvents.$inferSelect;
export type HourStarRuleRow = typeof hourStarRules.$inferSelect;
export type HourCertificateRow = typeof hourCertificates.$inferSelect;

// ---- ledger ----

/** Serialises bookings of one volunteer (their cumulative total and stars) until the transaction ends. */
export async function lockVolunteerHours(tx: DbOrTx, volunteerId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${'hours:' + volunteerId}, 0))`);
}

export async function insertHourEntry(tx: DbOrTx, row: typeof hourEntries.$inferInsert): Promise<void> {
  await tx.insert(hourEntries).values(row);
}

/** The credit booked for a participation, by the organising community (the entry's and the activity's area). */
export async function findEntryByParticipation(
  tx: DbOrTx,
  participation: { id: string; areaCode: string },
): Promise<HourEntryRow | null> {
  const [row] = await tx
    .select()
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.areaCode, participation.areaCode),
        eq(hourEntries.participationId, participation.id),
        sql`${hourEntries.minutes} > 0`,
      ),
    );
  return row ?? null;
}

export async function findHourEntry(tx: DbOrTx, id: string): Promise<HourEntryRow | null> {
  const [row] = await tx.select().from(hourEntries).where(eq(hourEntries.id, id));
  return row ?? null;
}

export async function findReversalOf(tx: DbOrTx, entryId: string): Promise<HourEntryRow | null> {
  const [row] = await tx.select().from(hourEntries).where(eq(hourEntries.reversesEntryId, entryId));
  return row ?? null;
}

export async function volunteerTotalMinutes(tx: DbOrTx, volunteerId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<string | null>`sum(${hourEntries.minutes})` })
    .from(hourEntries)
    .where(eq(hourEntries.volunteerId, volunteerId));
  return Number(row?.n ?? 0);
}

export interface EntryFilter {
  prefixes: readonly string[];
  areaCode?: string | undefined;
  /** Exactly this area (a certificate covers what its community recorded). */
  exactArea?: string | undefined;
  volunteerId?: string | undefined;
  volunteerIds?: readonly string[] | undefined;
  activityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** A team's membership spells: only these volunteers' entries dated within one of their spells (none: nothing). */
  spells?: readonly { volunteerId: string; joinedOn: string; leftOn: string | null }[] | undefined;
}

function withinSpells(spells: NonNullable<EntryFilter['spells']>): SQL {
  if (spells.length === 0) return sql`false`;
  return or(
    ...spells.map((s) =>
      and(
        eq(hourEntries.volunteerId, s.volunteerId),
        gte(hourEntries.serviceDate, s.joinedOn),
        s.leftOn ? lte(hourEntries.serviceDate, s.leftOn) : undefined,
      ),
    ),
  )!;
}

function entryWhere(f: EntryFilter): SQL | undefined {
  return and(
    inScope(hourEntries.areaCode, f.prefixes),
    f.areaCode ? inScope(hourEntries.areaCode, [scopePrefix(f.areaCode)]) : undefined,
    f.exactArea ? eq(hourEntries.areaCode, f.exactArea) : undefined,
    f.volunteerId ? eq(hourEntries.volunteerId, f.volunteerId) : undefined,
    f.volunteerIds ? inArray(hourEntries.volunteerId, [...f.volunteerIds]) : undefined,
    f.activityId ? eq(hourEntries.activityId, f.activityId) : undefined,
    f.from ? gte(hourEntries.serviceDate, f.from) : undefined,
    f.to ? lte(hourEntries.serviceDate, f.to) : undefined,
    f.spells ? withinSpells(f.spells) : undefined,
  );
}

export async function listHourEntries(db: DbOrTx, f: EntryFilter & { page: number; pageSize: number }) {
  const where = entryWhere(f);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(hourEntries)
      .where(where)
      .orderBy(desc(hourEntries.serviceDate), desc(hourEntries.createdAt), desc(hourEntries.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count(), minutes: sql<string | null>`sum(${hourEntries.minutes})` })
      .from(hourEntries)
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0), totalMinutes: Number(total?.minutes ?? 0) };
}

/** Every entry matching (for exports), oldest first, capped. */
export async function allHourEntries(db: DbOrTx, f: EntryFilter, limit = 50_000): Promise<HourEntryRow[]> {
  return db
    .select()
    .from(hourEntries)
    .where(entryWhere(f))
    .orderBy(asc(hourEntries.serviceDate), asc(hourEntries.createdAt), asc(hourEntries.id))
    .limit(limit);
}

/** Ids of the entries already reversed among these. */
export async function reversedAmong(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: hourEntries.reversesEntryId })
    .from(hourEntries)
    .where(inArray(hourEntries.reversesEntryId, [...ids]));
  return new Set(rows.map((r) => r.id!));
}

/** A volunteer's own entries (for /m and the certificate), newest first. */
export async function volunteerEntries(db: DbOrTx, volunteerId: string, limit = 500): Promise<HourEntryRow[]> {
  return db
    .select()
    .from(hourEntries)
    .where(eq(hourEntries.volunteerId, volunteerId))
    .orderBy(desc(hourEntries.serviceDate), desc(hourEntries.createdAt))
    .limit(limit);
}

// ---- claims ----

export async function insertHourClaim(tx: DbOrTx, row: typeof hourClaims.$inferInsert): Promise<void> {
  await tx.insert(hourClaims).values(row);
}

export async function findHourClaim(tx: DbOrTx, id: string, forUpdate = false): Promise<HourClaimRow | null> {
  if (!forUpdate) {
    const [found] = await tx.select().from(hourClaims).where(eq(hourClaims.id, id));
    return found ?? null;
  }
  return lockByKey(tx, hourClaims, id);
}

/** Decides a pending claim (a conditional update: a second decision finds nothing to decide). */
export async function decideHourClaim(
  tx: DbOrTx,
  id: string,
  set: {
    status: 'approved' | 'declined';
    decisionNote: string;
    decidedBy: string;
    decidedAt: Date;
    entryId: string | null;
  },
): Promise<boolean> {
  const rows = await tx
    .update(hourClaims)
    .set(set)
    .where(and(eq(hourClaims.id, id), eq(hourClaims.status, 'pending')))
    .returning({ id: hourClaims.id });
  return rows.length === 1;
}

export async function listHourClaims(
  db: DbOrTx,
  f: {
    prefixes: readonly string[];
    status?: string | undefined;
    volunteerId?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const where = and(
    inScope(hourClaims.areaCode, f.prefixes),
    f.status ? eq(hourClaims.status, f.status as HourClaimRow['status']) : undefined,
    f.volunteerId ? eq(hourClaims.volunteerId, f.volunteerId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(hourClaims)
      .where(where)
      .orderBy(desc(hourClaims.createdAt), desc(hourClaims.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(hourClaims).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function volunteerClaims(db: DbOrTx, volunteerId: string): Promise<HourClaimRow[]> {
  return db
    .select()
    .from(hourClaims)
    .where(eq(hourClaims.volunteerId, volunteerId))
    .orderBy(desc(hourClaims.createdAt))
    .limit(100);
}

// ---- stars ----

export async function findStarRule(db: DbOrTx, districtCode: string): Promise<HourStarRuleRow | null> {
  const [row] = await db.select().from(hourStarRules).where(eq(hourStarRules.areaCode, districtCode));
  return row ?? null;
}

export async function upsertStarRule(db: DbOrTx, row: HourStarRuleRow): Promise<void> {
  await db
    .insert(hourStarRules)
    .values(row)
    .onConflictDoUpdate({
      target: hourStarRules.areaCode,
      set: { thresholds: row.thresholds, preset: row.preset, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    });
}

export async function starEventsOf(db: DbOrTx, volunteerId: string): Promise<HourStarEventRow[]> {
  return db
    .select()
    .from(hourStarEvents)
    .where(eq(hourStarEvents.volunteerId, volunteerId))
    .orderBy(asc(hourStarEvents.createdAt), asc(hourStarEvents.level));
}

export async function insertStarEvent(tx: DbOrTx, row: typeof hourStarEvents.$inferInsert): Promise<void> {
  await tx.insert(hourStarEvents).values(row);
}

// ---- certificates ----

export type HourIssuerRow = typeof hourIssuers.$inferSelect;

export async function findIssuer(db: DbOrTx, areaCode: string): Promise<HourIssuerRow | null> {
  const [row] = await db.select().from(hourIssuers).where(eq(hourIssuers.areaCode, areaCode));
  return row ?? null;
}

export async function upsertIssuer(db: DbOrTx, row: HourIssuerRow): Promise<void> {
  const { areaCode: _code, ...set } = row;
  await db.insert(hourIssuers).values(row).onConflictDoUpdate({ target: hourIssuers.areaCode, set });
}

/** The communities that recorded a volunteer's hours. */
export async function recordingAreas(db: DbOrTx, volunteerId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ areaCode: hourEntries.areaCode })
    .from(hourEntries)
    .where(eq(hourEntries.volunteerId, volunteerId));
  return rows.map((r) => r.areaCode);
}

export async function nextCertificateSeq(tx: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`SELECT nextval('hour_certificate_seq')::int AS n`);
  return Number(row!.n);
}

export async function insertCertificate(tx: DbOrTx, row: HourCertificateRow): Promise<void> {
  await tx.insert(hourCertificates).values(row);
}

export async function findCertificate(db: DbOrTx, id: string): Promise<HourCertificateRow | null> {
  const [row] = await db.select().from(hourCertificates).where(eq(hourCertificates.id, id));
  return row ?? null;
}

export async function findCertificateByCode(db: DbOrTx, code: string): Promise<HourCertificateRow | null> {
  const [row] = await db.select().from(hourCertificates).where(eq(hourCertificates.verifyCode, code));
  return row ?? null;
}

export async function listCertificates(
  db: DbOrTx,
  f: { prefixes: readonly string[]; volunteerId?: string | undefined; page: number; pageSize: number },
) {
  const where = and(
    inScope(hourCertificates.areaCode, f.prefixes),
    f.volunteerId ? eq(hourCertificates.volunteerId, f.volunteerId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(hourCertificates)
      .where(where)
      .orderBy(desc(hourCertificates.issuedAt), desc(hourCertificates.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(hourCertificates).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function volunteerCertificates(db: DbOrTx, volunteerId: string): Promise<HourCertificateRow[]> {
  return db
    .select()
    .from(hourCertificates)
    .where(eq(hourCertificates.volunteerId, volunteerId))
    .orderBy(desc(hourCertificates.issuedAt));
}

export async function revokeCertificate(tx: DbOrTx, id: string, reason: string): Promise<boolean> {
  const rows = await tx
    .update(hourCertificates)
    .set({ status: 'revoked', revokedReason: reason })
    .where(and(eq(hourCertificates.id, id), eq(hourCertificates.status, 'valid')))
    .returning({ id: hourCertificates.id });
  return rows.length === 1;
}
