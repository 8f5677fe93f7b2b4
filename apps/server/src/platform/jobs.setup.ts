import { sql } from 'drizzle-orm';
import type { AppContext } from './context';
import { type Db, queryRows } from './db';
import type { QueueStats } from './jobs';

/**
 * The platform's own background work on the job runner (ADR 0007). Writes still poke the sealer and the event
 * delivery at once (200 ms, 50 ms); these are the sweeps behind the pokes, and the outboxes' depth for the admin page.
 */
export function registerPlatformJobs(
  ctx: Pick<AppContext, 'db' | 'jobs' | 'events' | 'auditWriter' | 'statistics'>,
): void {
  const { jobs } = ctx;
  // Planner statistics where nothing else keeps them: the embedded database, or PostgreSQL with autovacuum off.
  jobs.every({ name: 'db.analyze', everyMs: 600_000, run: () => ctx.statistics.refreshIfNeeded() });
  // Retries, and events whose poke was lost (the emitting process stopped): any process, one at a time.
  jobs.every({ name: 'events.deliver', everyMs: 2000, run: () => ctx.events.deliver() });
  jobs.every({ name: 'events.prune', everyMs: 86_400_000, run: () => ctx.events.prune(30) });
  // Audit rows no poke sealed (a transaction that committed after a round, a process that stopped).
  jobs.every({ name: 'audit.seal', everyMs: 2000, run: () => ctx.auditWriter.sealPending() });
  // What only this process holds: read rows kept after a failed write, the head it sealed last to anchor.
  jobs.every({ name: 'audit.upkeep', everyMs: 2000, scope: 'process', run: () => ctx.auditWriter.upkeep() });
  jobs.probe({ name: 'event_outbox', stats: () => eventOutboxStats(ctx.db) });
  jobs.probe({ name: 'audit_pending', stats: () => auditPendingStats(ctx.db) });
}

const count = (value: unknown) => Number(value ?? 0);
const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string | Date));

/** Undelivered events (the partial index on processed_at IS NULL); failed: those waiting for a retry. */
export async function eventOutboxStats(db: Db): Promise<QueueStats> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT count(*) AS pending, count(*) FILTER (WHERE attempts > 0) AS failed, min(created_at) AS oldest
          FROM event_outbox WHERE processed_at IS NULL`,
  );
  return { pending: count(row?.pending), failed: count(row?.failed), dead: 0, oldestPendingAt: date(row?.oldest) };
}

/** Audit rows not yet sealed into the chain (normally none for longer than 200 ms). */
export async function auditPendingStats(db: Db): Promise<QueueStats> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT count(*) AS pending, min(at) AS oldest FROM audit_pending`,
  );
  return { pending: count(row?.pending), failed: 0, dead: 0, oldestPendingAt: date(row?.oldest) };
}
