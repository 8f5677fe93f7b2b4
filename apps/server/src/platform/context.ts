import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config';
import type { Actor } from './access';
import { type AuditEvent, AuditWriter, queueAudit } from './audit';
import type { Clock } from './clock';
import { FieldCipher } from './crypto';
import type { Database, Db, DbOrTx } from './db';
import type { Keys } from './keys';

/** Everything a service needs, built once in buildApp and passed down explicitly (no DI container). */
export interface AppContext {
  database: Database;
  db: Db;
  config: AppConfig;
  clock: Clock;
  keys: Keys;
  cipher: FieldCipher;
  auditWriter: AuditWriter;
  log: FastifyBaseLogger | Console;
}

export function createContext(args: Omit<AppContext, 'db' | 'cipher' | 'auditWriter'>): AppContext {
  return {
    ...args,
    db: args.database.db,
    cipher: new FieldCipher(args.keys),
    auditWriter: new AuditWriter(args.database.db, args.keys.auditHmac, args.clock, args.log),
  };
}

export type AuditInput = Pick<AuditEvent, 'action'> & Partial<Omit<AuditEvent, 'action'>>;

/** Fills the actor's part of an audit event. */
export function auditEvent(actor: Actor | null, input: AuditInput): AuditEvent {
  return {
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
}

/** Audit a change inside its transaction: the row commits or rolls back with the change. */
export async function auditInTx(ctx: AppContext, tx: DbOrTx, actor: Actor | null, input: AuditInput): Promise<void> {
  await queueAudit(tx, ctx.clock, [auditEvent(actor, input)]);
  ctx.auditWriter.poke();
}

/** Audit a read through the batching writer. */
export function auditRead(ctx: AppContext, actor: Actor | null, input: AuditInput): void {
  ctx.auditWriter.enqueue(auditEvent(actor, input));
}

/** Audit an event on its own, in a short transaction of its own (login events, refusals). */
export async function auditNow(ctx: AppContext, event: AuditEvent): Promise<void> {
  await ctx.db.transaction((tx) => queueAudit(tx, ctx.clock, [event]));
  ctx.auditWriter.poke();
}
