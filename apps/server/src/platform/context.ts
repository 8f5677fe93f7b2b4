import type { FastifyBaseLogger } from 'fastify';
import { toStorableText } from '@linli/contracts';
import type { AppConfig } from '../config';
import type { Actor } from './access';
import { type AuditEvent, queueAudit } from './audit';
import { AuditAnchor } from './audit-anchor';
import { AuditWriter } from './audit-writer';
import { redactText } from './redact';
import { EventBus } from './events';
import type { Clock } from './clock';
import { FieldCipher } from './crypto';
import type { Database, Db, DbOrTx } from './db';
import type { Keys } from './keys';
import { DbJobRunner, type JobRunner } from './jobs';
import { registerPlatformJobs } from './jobs.setup';
import { type Notifier, droppingNotifier } from './notify';
import { type MediaStore, createMediaStore } from './media/store';
import { ReadRouter } from './read-replica';
import { PlannerStatistics } from './statistics';

/** Everything a service needs, built once in buildApp and passed down explicitly (no DI container). */
export interface AppContext {
  database: Database;
  /** The primary: every write, and every read not routed below. */
  db: Db;
  /**
   * The handle for dashboards, exports and ledger reads (ADR 0008): the streaming replica when DATABASE_REPLICA_URL
   * is set, it answers and it has replayed this session's last write; else `db`. Never for writes or transactions
   * that write.
   */
  readDb(actor: Actor | null): Promise<Db>;
  /** Where routed reads go (platform/read-replica.ts); `fence()` after a write every later routed read must see. */
  reads: ReadRouter;
  config: AppConfig;
  clock: Clock;
  keys: Keys;
  cipher: FieldCipher;
  auditWriter: AuditWriter;
  /** Events between modules (platform/events.ts): modules register handlers, services emit in their transaction. */
  events: EventBus;
  /** Tells people (inbox + external channels); installed by the notifications module (platform/notify.ts). */
  notifier: Notifier;
  /** Background jobs, registered by modules in setup, started by the server only (platform/jobs.ts). */
  jobs: JobRunner;
  /** Photo bytes: files in the data directory, or S3-compatible storage when configured (platform/media). */
  media: MediaStore;
  /** Keeps the embedded database's planner statistics current (PGlite has no autovacuum; platform/statistics.ts). */
  statistics: PlannerStatistics;
  log: FastifyBaseLogger | Console;
}

export function createContext(
  args: Omit<
    AppContext,
    'db' | 'readDb' | 'reads' | 'cipher' | 'auditWriter' | 'events' | 'notifier' | 'jobs' | 'media' | 'statistics'
  >,
): AppContext {
  const reads = new ReadRouter(args.database.db, args.database.replica ?? null, args.log);
  const ctx: AppContext = {
    ...args,
    db: args.database.db,
    reads,
    readDb: (actor) => reads.forActor(actor),
    cipher: new FieldCipher(args.keys),
    events: new EventBus(args.database.db, args.clock, args.log),
    notifier: droppingNotifier,
    jobs: new DbJobRunner(args.database.db, args.clock, args.log),
    media: createMediaStore(args.config),
    statistics: new PlannerStatistics(args.database, args.log),
    auditWriter: new AuditWriter(args.database.db, args.keys.auditHmac, args.clock, args.log, {
      anchor: args.config.auditAnchorFile ? new AuditAnchor(args.config.auditAnchorFile, args.keys.auditAnchor) : null,
    }),
  };
  registerPlatformJobs(ctx); // the sweeps behind the audit sealer's and the event delivery's pokes (ADR 0007)
  return ctx;
}

export type AuditInput = Pick<AuditEvent, 'action'> & Partial<Omit<AuditEvent, 'action'>>;

/**
 * Fills the actor's part of an audit event. Ids and detail may hold raw request values recorded before validation
 * (the path parameters of a refused request): characters PostgreSQL cannot store become U+FFFD, since one row it
 * refuses would fail the audit writer's whole batch, again at every retry.
 */
export function auditEvent(actor: Actor | null, input: AuditInput): AuditEvent {
  const event: AuditEvent = {
    actorId: actor?.userId ?? null,
    actorName: actor?.username ?? null,
    role: actor ? actor.roles.join(',') || null : null,
    areaCodes: actor?.areaCodes ?? [],
    objectType: null,
    objectIds: [],
    fields: [],
    result: 'success',
    ip: actor?.ip ?? null,
    requestId: actor?.requestId ?? null,
    detail: null,
    ...input,
  };
  // Details are free text (reasons, filters, errors): identifiers in them are masked (F9).
  return {
    ...event,
    objectIds: event.objectIds.map(toStorableText),
    detail: event.detail === null ? null : redactText(toStorableText(event.detail)),
  };
}

/** Audit a change inside its transaction: the row commits or rolls back with the change. */
export async function auditInTx(ctx: AppContext, tx: DbOrTx, actor: Actor | null, input: AuditInput): Promise<void> {
  await queueAudit(tx, ctx.clock, [auditEvent(actor, input)]);
  ctx.auditWriter.poke();
}

/**
 * Audit a read through the group-committing writer: the row is written to the outbox before the request's response
 * leaves (the onSend hook waits for it, ADR 0006).
 */
export function auditRead(ctx: AppContext, actor: Actor | null, input: AuditInput): void {
  ctx.auditWriter.enqueue(auditEvent(actor, input));
}

/** Audit an event on its own, in a short transaction of its own (login events, refusals). */
export async function auditNow(ctx: AppContext, event: AuditEvent): Promise<void> {
  await ctx.db.transaction((tx) => queueAudit(tx, ctx.clock, [event]));
  ctx.auditWriter.poke();
}
